export { ForgejoContent } from './ForgejoContent';
