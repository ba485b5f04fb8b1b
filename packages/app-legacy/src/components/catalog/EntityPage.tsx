import { Grid } from '@material-ui/core';
import {
  EntityAboutCard,
  EntityHasSubcomponentsCard,
  EntityLayout,
  EntityLinksCard,
  EntityOrphanWarning,
  EntityProcessingErrorsPanel,
  EntitySwitch,
  hasCatalogProcessingErrors,
  isKind,
  isOrphan,
} from '@backstage/plugin-catalog';
import {
  EntityArgoCDHistoryCard,
  EntityArgoCDOverviewCard,
  EntityArgoCDResourcesContent,
  isArgocdAvailable,
} from '@edp/plugin-argocd';
import {
  EntityForgejoCiCard,
  EntityForgejoContent,
  EntityForgejoOverviewCard,
  isForgejoAvailable,
} from '@edp/plugin-forgejo';
import {
  EntityTerraformCard,
  isTerraformAvailable,
} from '@edp/plugin-terraform';

const entityWarningContent = (
  <>
    <EntitySwitch>
      <EntitySwitch.Case if={isOrphan}>
        <Grid item xs={12}>
          <EntityOrphanWarning />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
    <EntitySwitch>
      <EntitySwitch.Case if={hasCatalogProcessingErrors}>
        <Grid item xs={12}>
          <EntityProcessingErrorsPanel />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
  </>
);

/**
 * The EDP cards each show only where their annotations are: Forgejo (`forgejo.org/repo-slug` or a
 * Forgejo source location), ArgoCD (`argocd/app-name` or `argocd/app-selector`), Terraform
 * (`edp.io/terraform-state`). The rich cards go in the main column, full width: the side column
 * would cut them off.
 */
const edpCards = (
  <>
    <EntitySwitch>
      <EntitySwitch.Case if={isForgejoAvailable}>
        <Grid item xs={12}>
          <EntityForgejoOverviewCard />
        </Grid>
        <Grid item xs={12}>
          <EntityForgejoCiCard />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
    <EntitySwitch>
      <EntitySwitch.Case if={isArgocdAvailable}>
        <Grid item xs={12}>
          <EntityArgoCDOverviewCard />
        </Grid>
        <Grid item xs={12}>
          <EntityArgoCDHistoryCard />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
    <EntitySwitch>
      <EntitySwitch.Case if={isTerraformAvailable}>
        <Grid item xs={12}>
          <EntityTerraformCard />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
  </>
);

const overviewContent = (
  <Grid container spacing={3} alignItems="stretch">
    {entityWarningContent}
    <Grid item md={8} xs={12}>
      <EntityAboutCard />
    </Grid>
    <Grid item md={4} xs={12}>
      <EntityLinksCard />
    </Grid>
    {edpCards}
    <Grid item xs={12}>
      <EntityHasSubcomponentsCard variant="gridItem" />
    </Grid>
  </Grid>
);

/** Components and Resources: the overview with the EDP cards, and the Forgejo and ArgoCD tabs. */
const edpEntityPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      {overviewContent}
    </EntityLayout.Route>
    <EntityLayout.Route path="/forgejo" title="Forgejo" if={isForgejoAvailable}>
      <EntityForgejoContent />
    </EntityLayout.Route>
    <EntityLayout.Route path="/argocd" title="ArgoCD" if={isArgocdAvailable}>
      <EntityArgoCDResourcesContent />
    </EntityLayout.Route>
  </EntityLayout>
);

const defaultEntityPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3} alignItems="stretch">
        {entityWarningContent}
        <Grid item md={6} xs={12}>
          <EntityAboutCard />
        </Grid>
        <Grid item md={6} xs={12}>
          <EntityLinksCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

/** The children of the `/catalog/:namespace/:kind/:name` route. */
export const entityPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isKind('component')} children={edpEntityPage} />
    <EntitySwitch.Case if={isKind('resource')} children={edpEntityPage} />
    <EntitySwitch.Case>{defaultEntityPage}</EntitySwitch.Case>
  </EntitySwitch>
);
