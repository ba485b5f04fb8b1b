export { ForgejoErrorState } from './ForgejoErrorState';
