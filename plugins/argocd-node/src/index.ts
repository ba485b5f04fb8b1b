/**
 * ArgoCD client, configuration and shared service of the EDP ArgoCD plugins.
 *
 * @packageDocumentation
 */
export * from './config';
export * from './errors';
export * from './selector';
export * from './commitLink';
export * from './client/types';
export { ArgoCDClient, type ArgoCDCallOptions } from './client/ArgoCDClient';
export * from './service/ArgoCDService';
export { argocdServiceRef, argocdServiceFactory } from './service/serviceRef';
