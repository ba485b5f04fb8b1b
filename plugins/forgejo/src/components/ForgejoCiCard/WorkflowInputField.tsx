import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type { ForgejoWorkflowInput } from '@edp/plugin-forgejo-common';

/**
 * One `workflow_dispatch` input, entered the way Forgejo's own Run workflow form does: a list for
 * `choice`, a checkbox for `boolean` (sent as "true"/"false"), a text field otherwise. The value is
 * always the string Forgejo receives.
 */
export function WorkflowInputField(props: {
  input: ForgejoWorkflowInput;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
}) {
  const { input, value, onChange, disabled } = props;
  const id = `forgejo-input-${input.name}`;
  if (input.type === 'boolean') {
    return (
      <>
        <FormControlLabel
          control={
            <Checkbox
              id={id}
              color="primary"
              checked={value === 'true'}
              onChange={e => onChange(e.target.checked ? 'true' : 'false')}
              disabled={disabled}
            />
          }
          label={input.name}
        />
        {input.description && (
          <FormHelperText>{input.description}</FormHelperText>
        )}
      </>
    );
  }
  const common = {
    id,
    label: input.name,
    value,
    required: input.required,
    disabled,
    helperText: input.description,
    fullWidth: true,
    margin: 'dense' as const,
    variant: 'outlined' as const,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  if (input.type === 'choice') {
    return (
      <TextField {...common} select>
        {(input.options ?? []).map(option => (
          <MenuItem key={option} value={option}>
            {option}
          </MenuItem>
        ))}
      </TextField>
    );
  }
  return (
    <TextField {...common} type={input.type === 'number' ? 'number' : 'text'} />
  );
}

/** The values a form starts with: each input's default ("false" for an unset boolean). */
export function initialValues(
  inputs: ForgejoWorkflowInput[],
): Record<string, string> {
  return Object.fromEntries(
    inputs.map(i => [
      i.name,
      i.default ?? (i.type === 'boolean' ? 'false' : ''),
    ]),
  );
}
