export { ArgoCDResourcesContent } from './ArgoCDResourcesContent';
