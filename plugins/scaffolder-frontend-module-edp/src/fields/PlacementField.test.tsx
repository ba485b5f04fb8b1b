import { useState } from 'react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlacementField } from './PlacementField';

/** The field inside a tiny form that keeps its value, as the scaffolder's form does. */
function Form(props: {
  placement?: string;
  initial?: string;
  onValue?: (v?: string) => void;
}) {
  const [value, setValue] = useState<string | undefined>(props.initial);
  const field = (
    <PlacementField
      {...({} as any)}
      formData={value}
      onChange={(v: string | undefined) => {
        setValue(v);
        props.onValue?.(v);
      }}
      schema={{ title: 'Cluster', description: 'Where ArgoCD runs.' }}
      uiSchema={{ 'ui:options': { placement: props.placement ?? 'cluster' } }}
      idSchema={{ $id: 'root_cluster' }}
      rawErrors={[]}
    />
  );
  return field;
}

const portal = { edp: { defaults: { cluster: 'prod-eu', repoOwner: 'acme' } } };

describe('PlacementField', () => {
  it("pre-fills the field with the portal's edp.defaults value and says where it comes from", async () => {
    const seen: (string | undefined)[] = [];
    await renderInTestApp(<Form onValue={v => seen.push(v)} />, {
      config: portal,
    });
    expect(await screen.findByRole('textbox', { name: 'Cluster' })).toHaveValue(
      'prod-eu',
    );
    expect(seen).toEqual(['prod-eu']);
    expect(
      screen.getByText('Where ArgoCD runs. Portal default: prod-eu.'),
    ).toBeInTheDocument();
  });

  it('pre-fills a field the form hands over as an empty string, once: a field the user clears stays empty', async () => {
    await renderInTestApp(<Form initial="" />, { config: portal });
    const box = await screen.findByRole('textbox', { name: 'Cluster' });
    expect(box).toHaveValue('prod-eu');
    await userEvent.clear(box);
    expect(box).toHaveValue('');
  });

  it('lets the user replace the default, and keeps a value the form already had', async () => {
    await renderInTestApp(<Form initial="staging" />, { config: portal });
    const box = await screen.findByRole('textbox', { name: 'Cluster' });
    expect(box).toHaveValue('staging');
    await userEvent.clear(box);
    await userEvent.type(box, 'dev');
    expect(box).toHaveValue('dev');
  });

  it('stays empty when the portal has no default (the task step then resolves it)', async () => {
    const seen: (string | undefined)[] = [];
    await renderInTestApp(
      <Form placement="argocdInstance" onValue={v => seen.push(v)} />,
      {
        config: portal,
      },
    );
    expect(await screen.findByRole('textbox', { name: 'Cluster' })).toHaveValue(
      '',
    );
    expect(seen).toEqual([]);
    expect(screen.getByText('Where ArgoCD runs.')).toBeInTheDocument();
  });

  it('tells the template author when ui:options.placement is not a placement key', async () => {
    await renderInTestApp(<Form placement="integrations.gitea" />, {
      config: portal,
    });
    expect(
      await screen.findByText(
        'ui:options.placement must be one of forgejoHost, repoOwner, cluster, argocdInstance, stacksLocation (got "integrations.gitea").',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Cluster' })).toHaveValue('');
  });
});
