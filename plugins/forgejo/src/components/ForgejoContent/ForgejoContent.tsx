import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { Content, InfoCard } from '@backstage/core-components';
import type { ForgejoListItems } from '../../api';
import { ForgejoListPanel } from './ForgejoListPanel';

const TABS: Array<{ kind: keyof ForgejoListItems; label: string }> = [
  { kind: 'pulls', label: 'Pull requests' },
  { kind: 'issues', label: 'Issues' },
  { kind: 'releases', label: 'Releases' },
  { kind: 'commits', label: 'Commits' },
];

/**
 * The entity's "Forgejo" tab: pull requests, issues, releases and recent commits, each paginated.
 * Only the visible list is loaded.
 * @public
 */
export function ForgejoContent() {
  const [tab, setTab] = useState(0);
  return (
    <Content>
      <InfoCard title="Forgejo" noPadding>
        <Tabs
          value={tab}
          onChange={(_, v) => setTab(v)}
          indicatorColor="primary"
          aria-label="Forgejo lists"
        >
          {TABS.map(t => (
            <Tab key={t.kind} label={t.label} />
          ))}
        </Tabs>
        <Box p={2}>
          <ForgejoListPanel key={TABS[tab].kind} kind={TABS[tab].kind} />
        </Box>
      </InfoCard>
    </Content>
  );
}
