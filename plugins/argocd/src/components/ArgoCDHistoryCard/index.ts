export { ArgoCDHistoryCard } from './ArgoCDHistoryCard';
