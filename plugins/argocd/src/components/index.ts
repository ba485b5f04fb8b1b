export { ArgoCDOverviewCard } from './ArgoCDOverviewCard';
export { ArgoCDHistoryCard } from './ArgoCDHistoryCard';
export { ArgoCDResourcesContent } from './ArgoCDResourcesContent';
