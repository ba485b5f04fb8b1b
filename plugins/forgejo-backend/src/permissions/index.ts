export { createForgejoEntityLoader } from './resources';
