import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ForgejoClient } from '@edp/plugin-forgejo-node';
import express from 'express';
import { http, passthrough } from 'msw';
import { createRouter } from '../router';
import { UpstreamCache } from '@edp/plugin-edp-cache-node';
import { ForgejoCards } from '../services/ForgejoCards';
import { FORGEJO_BASE, integrationsConfig } from './forgejoHandlers';
import { memoryCache } from './memoryCache';

/** supertest talks to a local server: msw must let those requests through and mock only Forgejo. */
export const passLocalRequests = () =>
  http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough());

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {},
});

const entities = [
  component('payments-api', {
    'forgejo.org/repo-slug': 'platform/payments-api',
  }),
  component('web-shop', {
    'backstage.io/source-location': `url:${FORGEJO_BASE}/platform/payments-api/src/branch/feature/a/b/`,
  }),
  component('elsewhere', {
    'backstage.io/source-location':
      'url:https://code.other.org/team/app/src/branch/main/',
  }),
  component('plain', {}),
];

export async function makeApp(options: { allow?: boolean } = {}) {
  const client = ForgejoClient.fromConfig(
    new ConfigReader(integrationsConfig),
    {
      requestTimeoutMs: 500,
    },
  );
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    auditor: mockServices.auditor.mock(),
    permissions: mockServices.permissions({
      result:
        options.allow === false ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
    }),
    catalog: catalogServiceMock({ entities }),
    client,
    cards: new ForgejoCards(
      client,
      new UpstreamCache(memoryCache(), { ttlMs: 60_000 }),
    ),
    logger: mockServices.logger.mock(),
  });
  return express().use(router).use(mockErrorHandler());
}

export const overviewPath = '/entity/component/default/payments-api/overview';
