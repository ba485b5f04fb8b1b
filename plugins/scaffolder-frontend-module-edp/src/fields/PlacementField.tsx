import { useEffect, useRef } from 'react';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import {
  isPlacementKey,
  PLACEMENT_KEYS,
} from '@edp/plugin-scaffolder-edp-common';

/**
 * The placement values of edp:defaults:resolve that have a portal default under `edp.defaults`.
 * @public
 * @deprecated Use `PLACEMENT_KEYS` from `@edp/plugin-scaffolder-edp-common`; this re-export goes
 * in the next release.
 */
export const PLACEMENTS = PLACEMENT_KEYS;

/** `ui:options` of the field. @public */
export interface PlacementFieldOptions {
  /** Which `edp.defaults` key pre-fills the field, e.g. `cluster`. */
  placement?: string;
}

/**
 * A text field pre-filled with the portal's `edp.defaults.<placement>`, so that the form, the review
 * step and the task's parameters show the value that will be used; the user may change it. Left
 * empty, the template's edp:defaults:resolve step still falls back to the portal's config, and it
 * checks whatever value arrives.
 * @public
 */
export function PlacementField(
  props: FieldExtensionComponentProps<string, PlacementFieldOptions>,
) {
  const {
    formData,
    onChange,
    schema,
    uiSchema,
    rawErrors = [],
    required,
    disabled,
    idSchema,
  } = props;
  const config = useApi(configApiRef);
  const placement = uiSchema?.['ui:options']?.placement;
  const known = isPlacementKey(placement);
  const portalDefault = known
    ? config.getOptionalString(`edp.defaults.${placement}`)
    : undefined;

  // Pre-filled once, when the field first shows up empty (the scaffolder's form may hand over ''):
  // a value from the URL (formData=…) is kept, and a field the user then clears stays cleared.
  const prefilled = useRef(false);
  useEffect(() => {
    if (prefilled.current || !portalDefault) return;
    prefilled.current = true;
    if (!formData) onChange(portalDefault);
  }, [formData, portalDefault, onChange]);

  let helperText = schema.description ?? '';
  if (!known) {
    helperText = `ui:options.placement must be one of ${PLACEMENT_KEYS.join(
      ', ',
    )} (got "${placement ?? ''}").`;
  } else if (portalDefault) {
    helperText = `${helperText} Portal default: ${portalDefault}.`.trim();
  }

  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title}
      value={formData ?? ''}
      onChange={e => onChange(e.target.value)}
      helperText={helperText}
      required={required}
      disabled={disabled}
      error={!known || rawErrors.length > 0}
      margin="normal"
      fullWidth
    />
  );
}
