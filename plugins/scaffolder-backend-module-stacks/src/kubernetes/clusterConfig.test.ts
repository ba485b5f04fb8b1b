import { ConfigReader } from '@backstage/config';
import { findCluster } from './clusterConfig';

const config = (clusters: object[]) =>
  new ConfigReader({
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [{ type: 'config', clusters }],
    },
  });

const sandbox = {
  name: 'sandbox',
  url: 'http://127.0.0.1:7102',
  authProvider: 'serviceAccount',
  serviceAccountToken: 'secret-token',
  skipTLSVerify: true,
};

describe('findCluster', () => {
  it('picks the only cluster when no name is given', () => {
    expect(findCluster(config([sandbox])).url).toBe('http://127.0.0.1:7102');
  });

  it('names the configured clusters when the name is unknown, without the token', () => {
    const run = () =>
      findCluster(config([sandbox, { ...sandbox, name: 'prod' }]), 'staging');
    expect(run).toThrow(/no cluster named "staging".*sandbox, prod/);
    expect(run).not.toThrow(/secret-token/);
  });

  it('asks for a name when several clusters are configured', () => {
    expect(() =>
      findCluster(config([sandbox, { ...sandbox, name: 'prod' }])),
    ).toThrow(/"cluster" is required.*sandbox, prod/);
  });

  it('refuses clusters that need a user login', () => {
    expect(() =>
      findCluster(
        config([
          { ...sandbox, authProvider: 'oidc', serviceAccountToken: undefined },
        ]),
        'sandbox',
      ),
    ).toThrow(/authProvider "oidc"/);
  });

  it('explains how to configure a cluster when none is', () => {
    expect(() => findCluster(new ConfigReader({}))).toThrow(
      /kubernetes.clusterLocatorMethods/,
    );
  });
});
