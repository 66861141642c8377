import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigErrors } from '../../../src/lib/errors';
import { compileRe2, defaultModulesConfig, loadModulesConfig, parseModulesConfig, resolveModule } from '../../../src/frontends/metrics/config';

const problems = (text: string) => {
  try {
    parseModulesConfig(text, 'ipmi.yml');
  } catch (e) {
    assert.ok(e instanceof ConfigErrors, String(e));
    return e.problems.map((p) => p.message);
  }
  assert.fail('expected ConfigErrors');
};

describe('metrics: the ipmi_exporter modules file', () => {
  it('reads the modules file the side-by-side tests give ipmi_exporter 1.6.1 too', () => {
    const file = path.resolve(__dirname, '../../fixtures/exporter/ipmi_exporter.yml');
    const c = loadModulesConfig(file);
    assert.deepEqual([...c.modules.keys()], ['default', 'all', 'sensors', 'wrongpass', 'vbmc', 'vbmc-fast']);
    const all = c.modules.get('all')!;
    assert.deepEqual(
      { ...all, excludeSensorIds: [...all.excludeSensorIds] },
      {
        name: 'all',
        user: 'admin',
        pass: 'password',
        privilege: 'administrator',
        driver: 'LAN_2_0',
        timeoutMs: 5000,
        collectors: ['ipmi', 'bmc', 'chassis', 'dcmi', 'sel', 'sm-lan-mode'],
        excludeSensorIds: [],
        selEvents: [],
      },
    );
    assert.deepEqual(c.modules.get('default')!.collectors, []);
    assert.deepEqual(
      c.warnings,
      ['all', 'sensors', 'wrongpass'].map((m) => `${file}: /modules/${m}/workaround_flags: FreeIPMI command-line option, no effect in bmcbridge`),
    );
  });

  it('a module without collectors gets ipmi_exporter\'s defaults (bmc, ipmi, chassis, dcmi); an empty list stays empty', () => {
    const c = parseModulesConfig('modules:\n  a:\n    user: x\n  b:\n    collectors: []\n  c:\n');
    assert.deepEqual(c.modules.get('a')!.collectors, ['bmc', 'ipmi', 'chassis', 'dcmi']);
    assert.deepEqual(c.modules.get('b')!.collectors, []);
    assert.deepEqual(c.modules.get('c')!.collectors, ['bmc', 'ipmi', 'chassis', 'dcmi']);
  });

  it('every key of upstream 1.10 is read: exclude_sensor_ids, sel_events with RE2 inline flags, bmc-watchdog and sel-events collectors', () => {
    const c = parseModulesConfig(`
modules:
  m:
    privilege: OPERATOR
    driver: lan
    exclude_sensor_ids: [2, 29, 32]
    collectors: [bmc-watchdog, sel-events, ipmi, ipmi]
    collector_cmd: { ipmi: sudo }
    default_args: { ipmi: ["-D", "LAN_2_0"] }
    custom_args: { ipmi: ["--bridge-sensors"] }
    sel_events:
      - name: correctable_memory_error
        regex: Correctable memory error.*
      - name: ps_failure
        regex: (?i)power supply.*failure
`);
    const m = c.modules.get('m')!;
    assert.equal(m.privilege, 'operator');
    assert.equal(m.driver, 'LAN');
    assert.deepEqual([...m.excludeSensorIds], [2, 29, 32]);
    assert.deepEqual(m.collectors, ['bmc-watchdog', 'sel-events', 'ipmi']);
    assert.deepEqual(
      m.selEvents.map((e) => [e.name, e.regex.source, e.regex.flags]),
      [
        ['correctable_memory_error', 'Correctable memory error.*', ''],
        ['ps_failure', 'power supply.*failure', 'i'],
      ],
    );
    assert.equal(c.warnings.length, 3);
    assert.ok(compileRe2('(?is)a.b').test('A\nB'));
  });

  it('reports every problem at once, with file and path, as ipmi_exporter refuses them', () => {
    assert.deepEqual(
      problems(`
modules:
  m:
    foo: 1
    collectors: [chassis, bogus]
    privilege: root
    driver: KCS
    timeout: -5
    exclude_sensor_ids: [x]
    sel_events:
      - name: a
        regex: "(unclosed"
extra: true
`),
      [
        'ipmi.yml: /extra: unknown field (only "modules" is allowed)',
        'ipmi.yml: /modules/m/foo: unknown field in modules: foo',
        'ipmi.yml: /modules/m/privilege: "root" is not one of user, operator, admin',
        'ipmi.yml: /modules/m/driver: in-band driver KCS reaches the local BMC only; bmcbridge reaches BMCs over LAN (LAN or LAN_2_0) or through its inventory',
        'ipmi.yml: /modules/m/timeout: expected a positive whole number of milliseconds',
        'ipmi.yml: /modules/m/collectors/1: invalid collector: bogus (known: ipmi, bmc, bmc-watchdog, chassis, dcmi, sel, sel-events, sm-lan-mode)',
        'ipmi.yml: /modules/m/exclude_sensor_ids/0: expected a record ID (0-65535)',
        'ipmi.yml: /modules/m/sel_events/0/regex: invalid regular expression: Invalid regular expression: /(unclosed/: Unterminated group',
      ],
    );
    assert.deepEqual(problems('- a\n- b\n'), ['ipmi.yml: /: expected a mapping with a "modules" key']);
    assert.deepEqual(problems('modules: [1]\n'), ['ipmi.yml: /modules: expected a mapping of module names']);
  });

  it('an empty file has no modules; a file that is not there is a ConfigError naming it', () => {
    assert.equal(parseModulesConfig('').modules.size, 0);
    assert.throws(() => loadModulesConfig('/nonexistent/ipmi.yml'), (e: unknown) => e instanceof ConfigErrors && /^\/nonexistent\/ipmi\.yml: \/: cannot read: ENOENT/.test(e.message));
  });

  it('defaultModulesConfig: one "default" module with ipmi_exporter\'s default collectors and no credentials', () => {
    const c = defaultModulesConfig();
    assert.deepEqual([...c.modules.keys()], ['default']);
    assert.deepEqual(c.modules.get('default')!.collectors, ['bmc', 'ipmi', 'chassis', 'dcmi']);
    assert.equal(c.modules.get('default')!.user, undefined);
  });

  it('resolveModule: absent or empty means "default"; an unknown name resolves to nothing (HTTP 400)', () => {
    const c = parseModulesConfig('modules:\n  default: {}\n  x: {}\n');
    assert.equal(resolveModule(c, undefined).module?.name, 'default');
    assert.equal(resolveModule(c, '').module?.name, 'default');
    assert.equal(resolveModule(c, 'x').module?.name, 'x');
    assert.deepEqual(resolveModule(c, 'nope'), { name: 'nope', module: undefined });
    assert.deepEqual(resolveModule(parseModulesConfig('modules:\n  x: {}\n'), undefined), { name: 'default', module: undefined });
  });

  it('docs/metrics.md\'s table of keys covers the keys this parser reads', () => {
    const md = fs.readFileSync(path.resolve(__dirname, '../../../docs/metrics.md'), 'utf8');
    const keys = [...md.matchAll(/^\| `([a-z_]+)`(?:, `([a-z_]+)`)*/gm)].map((m) => m[1]);
    for (const k of ['user', 'privilege', 'driver', 'timeout', 'collectors', 'exclude_sensor_ids', 'sel_events', 'workaround_flags']) assert.ok(keys.includes(k), k);
  });
});
