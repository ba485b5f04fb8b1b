/**
 * Catalog discovery of catalog-info.yaml files in Forgejo organisations.
 *
 * @packageDocumentation
 */
export { catalogModuleForgejoDiscovery as default } from './module';
export { ForgejoEntityProvider } from './ForgejoEntityProvider';
export type { ForgejoDiscoveryConfig } from './providerConfig';
