import assert from 'node:assert/strict';
import { runWql } from '../../src/frontends/cli/wql';
import { Repository } from '../../src/model/repository';
import { FixtureSource } from './fixture-source';

/** `bmcbridge wql` against the fixture BMC, output captured. */
async function wql(...argv: string[]): Promise<{ code: number; out: string; err: string; opts: unknown[] }> {
  let out = '';
  let err = '';
  const opts: unknown[] = [];
  let closed = 0;
  const code = await runWql(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) }, async (o) => {
    opts.push(o);
    const repo = new Repository({ sources: [new FixtureSource('bmc1')] });
    return Object.assign(repo, { close: () => void closed++ });
  });
  if (opts.length) assert.equal(closed, 1, 'the repository is closed');
  return { code, out, err, opts };
}

describe('cli: bmcbridge wql', () => {
  it('a property list prints as a table', async () => {
    const r = await wql('SELECT Name, CurrentReading, UnitModifier FROM CIM_NumericSensor WHERE SensorType = 3', '--devices', 'devices/lab.yaml');
    assert.deepEqual(r, {
      code: 0,
      out: 'Name  CurrentReading  UnitModifier\n----  --------------  ------------\n12V   1206            -2\n3.3V  332             -2\n',
      err: '',
      opts: [{ devices: 'devices/lab.yaml' }],
    });
  });

  it('SELECT * prints each instance as "Property : value" lines', async () => {
    const r = await wql('SELECT * FROM Microsoft_IPMI');
    assert.equal(r.out, '__CLASS      : Microsoft_IPMI\nBMCAddress   : 32\nInstanceName : bmc1\n');
  });

  it('--format json: an array of instances, datetimes as ISO text, arrays as arrays', async () => {
    const r = await wql('SELECT RecordID, MessageTimestamp FROM LogRecord WHERE RecordID = "2"', '--format', 'json');
    assert.deepEqual(JSON.parse(r.out), [{ className: 'LogRecord', namespace: 'root/hardware', properties: { RecordID: '2', MessageTimestamp: '1970-01-01T00:05:51.000Z' } }]);
    const none = await wql('SELECT * FROM LogRecord WHERE RecordID = "9"', '--format=json');
    assert.equal(none.out, '[]\n');
  });

  it('--format xml: WinRM instance XML and w:XmlFragment for a property list', async () => {
    const r = await wql('SELECT Name, CurrentReading FROM NumericSensor WHERE DeviceID = "1.0.32"', '--format', 'xml');
    assert.match(r.out, /^<Items xmlns:a="http:\/\/schemas.xmlsoap.org\/ws\/2004\/08\/addressing" /);
    assert.ok(r.out.includes('<Name>CPU Temp</Name><CurrentReading>48</CurrentReading></w:XmlFragment>'));
    const full = await wql('SELECT * FROM RecordLog', '--format', 'xml');
    assert.ok(full.out.includes('<p:RecordLog xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wmi/root/hardware/RecordLog"'));
    assert.ok(full.out.includes('<p:CurrentNumberOfRecords>4</p:CurrentNumberOfRecords>'));
    assert.ok(full.out.includes('<p:InstallDate xsi:nil="true"/>'));
  });

  it('a query error prints the CimError message and exits 1', async () => {
    const r = await wql('SELECT * FORM Sensor');
    assert.deepEqual([r.code, r.out, r.err], [1, '', 'bmcbridge wql: WQL: at position 10: expected FROM, found "FORM"\n']);
  });

  it('usage errors exit 2 without building the model', async () => {
    for (const [argv, msg] of [
      [[], 'usage: bmcbridge wql "<query>" [--devices FILE] [--namespace NS] [--format table|json|xml] | bmcbridge wql --classes [CLASS] [--format table|json]'],
      [['SELECT', '*'], 'give the query as one argument (quote it)'],
      [['q', '--format', 'csv'], "--format must be table, json or xml, got 'csv'"],
      [['q', '--devices'], '--devices needs a value'],
      [['q', '--verbose'], 'unknown option --verbose'],
    ] as Array<[string[], string]>) {
      const r = await wql(...argv);
      assert.deepEqual([r.code, r.err, r.opts], [2, `bmcbridge wql: ${msg}\n`, []], argv.join(' '));
    }
  });

  it('--classes lists the classes; --classes CLASS shows properties and methods', async () => {
    const all = await wql('--classes', '--namespace', 'root/hardware');
    const lines = all.out.trim().split('\n');
    assert.ok(lines.includes('root/hardware:NumericSensor : CIM_NumericSensor'));
    assert.ok(lines.includes('root/hardware:CIM_NumericSensor : CIM_Sensor (abstract)'));
    assert.ok(lines.includes('root/hardware:CIM_SystemDevice : CIM_SystemComponent (association)'));
    assert.ok(!lines.some((l) => l.includes('Microsoft_IPMI')));
    const one = await wql('--classes', 'RecordLog');
    assert.ok(one.out.startsWith('root/hardware:RecordLog : CIM_RecordLog\n'));
    assert.ok(one.out.includes('  string                 InstanceID (key)\n'));
    assert.ok(one.out.includes('  uint32                 ClearLog()\n'));
    const json = await wql('--classes', 'NumericSensor', '--format', 'json');
    const [info] = JSON.parse(json.out);
    assert.equal(info.properties.find((p: { name: string }) => p.name === 'UpperThresholdNonCritical').writable, true);
    const missing = await wql('--classes', 'Nope');
    assert.deepEqual([missing.code, missing.err], [1, 'bmcbridge wql: no class Nope\n']);
  });
});
