export { ForgejoOverviewCard } from './ForgejoOverviewCard';
