export { ForgejoOverviewCard } from './ForgejoOverviewCard';
export { ForgejoCiCard } from './ForgejoCiCard';
export { ForgejoContent } from './ForgejoContent';
export { ForgejoErrorState } from './ForgejoErrorState';
