import { PropsWithChildren } from 'react';
import {
  Sidebar,
  SidebarDivider,
  SidebarItem,
  SidebarPage,
  SidebarSpace,
} from '@backstage/core-components';
import CategoryIcon from '@material-ui/icons/Category';
import CreateComponentIcon from '@material-ui/icons/AddCircleOutline';

/** The sidebar around every page: the catalog and the templates, as in the new-system app. */
export const Root = ({ children }: PropsWithChildren<{}>) => (
  <SidebarPage>
    <Sidebar>
      <SidebarDivider />
      <SidebarItem icon={CategoryIcon} to="catalog" text="Catalog" />
      <SidebarItem icon={CreateComponentIcon} to="create" text="Create..." />
      <SidebarSpace />
    </Sidebar>
    {children}
  </SidebarPage>
);
