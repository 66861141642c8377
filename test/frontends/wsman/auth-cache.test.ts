import assert from 'node:assert/strict';
import { AccountStore } from '../../../src/frontends/wsman/auth/accounts';
import { Authenticator, AuthOutcome } from '../../../src/frontends/wsman/auth/authenticate';
import { ConfigStore } from '../../../src/frontends/wsman/config/store';
import { configDefaults } from '../../../src/frontends/wsman';

/**
 * The Basic credential cache (auth/authenticate.ts): scrypt runs once per credential, and the
 * cache never lets through what a fresh scrypt verification would refuse.
 */
describe('wsman Basic credential cache', () => {
  const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
  const plain = { secure: false };

  function setup(opts: ConstructorParameters<typeof Authenticator>[2] = {}) {
    const config = configDefaults();
    const svc = config.Service as Record<string, any>;
    svc.AllowUnencrypted = 'true';
    svc.Auth.Basic = 'true';
    const accounts = new AccountStore(undefined);
    const auth = new Authenticator(new ConfigStore(undefined, undefined, { config }), accounts, opts);
    // Count the scrypt verifications.
    const verified: string[] = [];
    const verify = accounts.verify.bind(accounts);
    accounts.verify = (name, password) => {
      verified.push(name);
      return verify(name, password);
    };
    return { auth, accounts, verified };
  }
  const user = (o: AuthOutcome) => (o.kind === 'ok' ? o.principal.user : o.kind);

  it('verifies a credential with scrypt once, then answers from the cache', async () => {
    const { auth, accounts, verified } = setup();
    await accounts.set('alice', { password: 'pw-1', groups: ['Administrators'] });
    assert.equal(user(await auth.authenticate(basic('alice', 'pw-1'), undefined, plain)), 'alice');
    assert.equal(user(await auth.authenticate(basic('alice', 'pw-1'), undefined, plain)), 'alice');
    assert.equal(user(await auth.authenticate(basic('ALICE', 'pw-1'), undefined, plain)), 'alice');
    // Two distinct headers (alice, ALICE): two verifications, the repeat was cached.
    assert.deepEqual(verified, ['alice', 'ALICE']);
  });

  it('never accepts a wrong password, even right after the right one was cached', async () => {
    const { auth, accounts, verified } = setup();
    await accounts.set('alice', { password: 'pw-1', groups: [] });
    assert.equal(user(await auth.authenticate(basic('alice', 'pw-1'), undefined, plain)), 'alice');
    assert.equal(user(await auth.authenticate(basic('alice', 'pw-2'), undefined, plain)), 'refused');
    assert.equal(user(await auth.authenticate(basic('alice', 'pw-2'), undefined, plain)), 'refused');
    // Refusals are not cached: every wrong password costs a verification.
    assert.deepEqual(verified, ['alice', 'alice', 'alice']);
  });

  it('drops cached credentials when a password changes, an account is disabled or removed', async () => {
    const { auth, accounts } = setup();
    await accounts.set('alice', { password: 'old', groups: [] });
    await accounts.set('bob', { password: 'bob-pw', groups: [] });
    assert.equal(user(await auth.authenticate(basic('alice', 'old'), undefined, plain)), 'alice');
    assert.equal(user(await auth.authenticate(basic('bob', 'bob-pw'), undefined, plain)), 'bob');

    await accounts.set('alice', { password: 'new' });
    assert.equal(user(await auth.authenticate(basic('alice', 'old'), undefined, plain)), 'refused');
    assert.equal(user(await auth.authenticate(basic('alice', 'new'), undefined, plain)), 'alice');

    await accounts.set('alice', { disabled: true });
    assert.equal(user(await auth.authenticate(basic('alice', 'new'), undefined, plain)), 'refused');

    assert.equal(user(await auth.authenticate(basic('bob', 'bob-pw'), undefined, plain)), 'bob');
    assert.equal(accounts.remove('bob'), true);
    assert.equal(user(await auth.authenticate(basic('bob', 'bob-pw'), undefined, plain)), 'refused');
  });

  it('trusts a verification for the TTL only', async () => {
    let now = 1_000_000;
    const { auth, accounts, verified } = setup({ cacheTtlMs: 60_000, now: () => now });
    await accounts.set('alice', { password: 'pw', groups: [] });
    await auth.authenticate(basic('alice', 'pw'), undefined, plain);
    now += 59_999;
    await auth.authenticate(basic('alice', 'pw'), undefined, plain);
    assert.equal(verified.length, 1);
    now += 1;
    assert.equal(user(await auth.authenticate(basic('alice', 'pw'), undefined, plain)), 'alice');
    assert.equal(verified.length, 2);
  });

  it('is bounded: beyond cacheMax the oldest credential is forgotten', async () => {
    const { auth, accounts, verified } = setup({ cacheMax: 2 });
    for (const n of ['u1', 'u2', 'u3']) await accounts.set(n, { password: `${n}-pw`, groups: [] });
    for (const n of ['u1', 'u2', 'u3']) assert.equal(user(await auth.authenticate(basic(n, `${n}-pw`), undefined, plain)), n);
    verified.length = 0;
    // u2 and u3 are still cached; u1 was evicted when u3 came in.
    await auth.authenticate(basic('u3', 'u3-pw'), undefined, plain);
    await auth.authenticate(basic('u2', 'u2-pw'), undefined, plain);
    assert.deepEqual(verified, []);
    assert.equal(user(await auth.authenticate(basic('u1', 'u1-pw'), undefined, plain)), 'u1');
    assert.deepEqual(verified, ['u1']);
  });

  it('refuses Basic when it is disabled, whatever the cache holds', async () => {
    const config = configDefaults();
    const svc = config.Service as Record<string, any>;
    svc.AllowUnencrypted = 'true';
    svc.Auth.Basic = 'true';
    const store = new ConfigStore(undefined, undefined, { config });
    const accounts = new AccountStore(undefined);
    const auth = new Authenticator(store, accounts);
    await accounts.set('alice', { password: 'pw', groups: [] });
    assert.equal(user(await auth.authenticate(basic('alice', 'pw'), undefined, plain)), 'alice');
    store.putSection(['Service', 'Auth'], { Basic: 'false' });
    const r = await auth.authenticate(basic('alice', 'pw'), undefined, plain);
    assert.equal(r.kind === 'refused' && r.reason, 'Basic authentication is disabled (Service/Auth/Basic=false)');
  });
});
