export { ArgoCDOverviewCard } from './ArgoCDOverviewCard';
