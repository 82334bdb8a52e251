import { strict as assert } from 'node:assert';
import { clusterImageMajor, imageFlavour, imageTag, majorFromImage } from '../../../../src/core/cnpg/image';

describe('cnpg/image', () => {
  it('reads the tag of an image reference', () => {
    assert.equal(imageTag('ghcr.io/cloudnative-pg/postgresql:16.4-standard-bookworm'), '16.4-standard-bookworm');
    assert.equal(imageTag('localhost:5000/postgres:17@sha256:abc'), '17');
    assert.equal(imageTag('localhost:5000/postgres'), undefined);
    assert.equal(imageTag('postgres@sha256:abc'), undefined);
  });

  it('reads the major from CNPG tags only when the tag starts with a version', () => {
    assert.equal(majorFromImage('ghcr.io/cloudnative-pg/postgresql:16.4-standard-bookworm'), 16);
    assert.equal(majorFromImage('ghcr.io/cloudnative-pg/postgresql:18-minimal-trixie'), 18);
    assert.equal(majorFromImage('ghcr.io/cloudnative-pg/postgresql:17.2-202501130818'), 17);
    assert.equal(majorFromImage('ghcr.io/cloudnative-pg/postgresql:latest'), undefined);
    assert.equal(majorFromImage('ghcr.io/cloudnative-pg/postgresql:${PG_VERSION}'), undefined);
    assert.equal(majorFromImage('ghcr.io/cloudnative-pg/postgis:16-3.4'), 16);
    assert.equal(majorFromImage('postgres:9.6'), undefined);
  });

  it('reads the flavour from the tag', () => {
    assert.equal(imageFlavour('ghcr.io/cloudnative-pg/postgresql:16.4-standard-bookworm'), 'standard');
    assert.equal(imageFlavour('ghcr.io/cloudnative-pg/postgresql:18-minimal-trixie'), 'minimal');
    assert.equal(imageFlavour('ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie'), 'system');
    assert.equal(imageFlavour('ghcr.io/cloudnative-pg/postgresql:17.5'), undefined);
    assert.equal(imageFlavour('registry.example/minimal-standard/postgresql:17'), undefined);
  });

  it('prefers imageCatalogRef, then imageName, then the 1.30 default', () => {
    const c = (spec: object) => ({ spec });
    assert.deepEqual(clusterImageMajor(c({ imageCatalogRef: { kind: 'ImageCatalog', name: 'pg', major: 15 } }))?.major, 15);
    assert.equal(clusterImageMajor(c({ imageCatalogRef: { kind: 'ImageCatalog', name: 'pg' } })), undefined);
    assert.equal(clusterImageMajor(c({ imageName: 'ghcr.io/cloudnative-pg/postgresql:14.9' }))?.major, 14);
    assert.equal(clusterImageMajor(c({ imageName: 'ghcr.io/cloudnative-pg/postgresql:latest' })), undefined);
    assert.deepEqual(clusterImageMajor(c({})), { major: 18, source: 'operatorDefault', from: 'ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie' });
    assert.equal(clusterImageMajor(c({}), '1.27.0'), undefined);
    assert.equal(clusterImageMajor(c({}), '1.31.0')?.major, 18);
  });
});
