import assert from 'node:assert/strict';
import path from 'node:path';
import { configDefaults, createWsmanService, WsmanService } from '../../src/frontends/wsman';
import { DEBIAN_PYTHON, requirePeers, run } from '../helpers/peers';
import { Bench, DEVICE, fields, scaled, startBench, statusWord, table } from './common';

/**
 * Issue 6, "values agree with ipmitool for the same device": the WS-Man service
 * (src/frontends/wsman) over the Repository over a LAN session to a generic-1u virtual BMC, on
 * 127.0.0.1 port 0 with Basic over HTTP (AllowUnencrypted), driven by pywinrm
 * (test/peers/wsman_pywinrm.py) and curl; every value compared with what ipmitool prints for the
 * same BMC, and every write made over WS-Man checked with ipmitool.
 */
const PYWINRM = path.resolve(__dirname, '../peers/wsman_pywinrm.py');
const W = 'http://schemas.microsoft.com/wbem/wsman/1/wmi/root/hardware/';
const DMTF = 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/';
const V12 = ['SystemCreationClassName=ComputerSystem', `SystemName=${DEVICE}`, 'CreationClassName=NumericSensor', 'DeviceID=208.0.32'];
const SYSTEM = ['CreationClassName=ComputerSystem', `Name=${DEVICE}`];
const SEL = [`InstanceID=IPMI:${DEVICE}:SEL`];

/** Without proxies: requests (pywinrm) and curl would otherwise send 127.0.0.1 through one. */
function noProxyEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/proxy|CA_BUNDLE/i.test(k)) env[k] = v;
  return { ...env, NO_PROXY: '*', no_proxy: '*' };
}

/** The instances (`<p:Class ...>...</p:Class>`) in response bodies, property -> text (null for xsi:nil, arrays for repeats). */
function instances(bodies: string[], cls: string): Array<Record<string, string | null | Array<string | null>>> {
  const out: Array<Record<string, string | null | Array<string | null>>> = [];
  for (const body of bodies)
    for (const m of body.matchAll(new RegExp(`<p:${cls} [^>]*>(.*?)</p:${cls}>`, 'gs'))) {
      const props: Record<string, string | null | Array<string | null>> = {};
      for (const p of m[1].matchAll(/<p:(\w+)(?: [^>]*?)?(?:\/>|>(.*?)<\/p:\1>)/gs)) {
        const v = p[2] === undefined ? null : p[2].replace(/<[^>]+>/g, '');
        const had = props[p[1]];
        props[p[1]] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
      }
      out.push(props);
    }
  return out;
}
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

describe('integration: WS-Man (pywinrm, curl) over the model agrees with ipmitool', function () {
  requirePeers(this, ['ipmitool', 'curl', DEBIAN_PYTHON], ['winrm']);
  this.timeout(120000);
  let b: Bench;
  let svc: WsmanService;
  let endpoint: string;

  const py = async (...args: string[]) => {
    const r = await run(DEBIAN_PYTHON, [PYWINRM, '--endpoint', endpoint, '-u', 'admin', '-p', 'secret', ...args], { env: noProxyEnv(), timeout: 60000 });
    let parsed: { responses: string[]; error?: string };
    try {
      parsed = JSON.parse(r.stdout);
    } catch {
      return assert.fail(`pywinrm driver: ${r.stdout} ${r.stderr}`);
    }
    assert.equal(r.status, 0, `${parsed.error} ${parsed.responses.join('\n')}`);
    return parsed.responses;
  };
  const sel = (list: string[]) => list.flatMap((s) => ['--selector', s]);

  beforeEach(async () => {
    b = await startBench();
    const config = configDefaults();
    const service = config.Service as Record<string, any>;
    service.AllowUnencrypted = 'true';
    service.Auth.Basic = 'true';
    // Enumerations of every sensor of this BMC exceed WinRM's default 150 KB envelope.
    config.MaxEnvelopeSizekb = '500';
    svc = createWsmanService({
      model: b.repo,
      initialConfig: { version: 1, config, certmappings: [], listeners: [{ Address: 'IP:127.0.0.1', Transport: 'HTTP', Port: '0', Hostname: '', Enabled: 'true', URLPrefix: 'wsman', CertificateThumbprint: '' }] },
    });
    await svc.accounts.set('admin', { password: 'secret', groups: ['Administrators'] });
    await svc.start();
    endpoint = `http://127.0.0.1:${svc.listeners()[0].bound[0].port}/wsman`;
  });
  afterEach(async () => {
    await svc?.stop();
    await b?.close();
  });

  it('pywinrm enumerate + pull of NumericSensor: every reading, status and threshold as `ipmitool sensor list`', async () => {
    const theirs = table((await b.ipmitool('sensor', 'list')).stdout)
      .filter((c) => c[2] !== 'discrete')
      .map((c) => [c[0], c[1], c[3], ...c.slice(4, 10)]);
    const got = instances(await py('enumerate', '--uri', W + 'NumericSensor', '--pull', '10'), 'NumericSensor');
    const ours = got.map((p) => {
      const um = num(p.UnitModifier);
      return [
        p.ElementName,
        scaled(num(p.CurrentReading), um),
        statusWord(p.CurrentState as string),
        ...['LowerThresholdFatal', 'LowerThresholdCritical', 'LowerThresholdNonCritical', 'UpperThresholdNonCritical', 'UpperThresholdCritical', 'UpperThresholdFatal'].map((k) => scaled(num(p[k]), um)),
      ];
    });
    assert.equal(ours.length, 24);
    assert.deepEqual(ours, theirs);
  });

  it('pywinrm Get of one NumericSensor: the reading of `ipmitool sensor get`', async () => {
    const [p] = instances(await py('get', '--uri', W + 'NumericSensor', ...sel(V12)), 'NumericSensor');
    const got = fields((await b.ipmitool('sensor', 'get', 'BB +12.0V')).stdout);
    assert.equal(got['Sensor Reading'], '12.145 (+/- 0) Volts');
    assert.deepEqual([p.ElementName, p.CurrentReading, p.UnitModifier, p.BaseUnits], ['BB +12.0V', '12145', '-3', '5']);
    assert.equal(`${scaled(num(p.CurrentReading), num(p.UnitModifier))} (+/- 0) Volts`, got['Sensor Reading']);
  });

  it('pywinrm WQL on the * URI finds the sensor ipmitool pushed past its thresholds', async () => {
    assert.equal((await b.ipmitool('sensor', 'thresh', 'BB BMC Temp', 'unc', '40')).status, 0);
    const row = table((await b.ipmitool('sensor', 'list')).stdout).find((c) => c[0] === 'BB BMC Temp')!;
    assert.deepEqual([row[1], row[3], row[7]], ['46.000', 'nc', '40.000']);
    const got = instances(await py('enumerate', '--uri', W + '*', '--filter', 'SELECT * FROM NumericSensor WHERE CurrentState <> "Normal"'), 'NumericSensor');
    assert.deepEqual(
      got.map((p) => [p.ElementName, p.CurrentReading, p.CurrentState, p.UpperThresholdNonCritical, p.HealthState]),
      [['BB BMC Temp', '46', 'Upper Non-Critical', '40', '10']],
    );
  });

  it('SEL: RecordLog.CurrentNumberOfRecords and the LogRecords pywinrm enumerates = `ipmitool sel info` / `sel list`', async () => {
    const info = fields((await b.ipmitool('sel', 'info')).stdout);
    const [log] = instances(await py('get', '--uri', W + 'RecordLog', ...sel(SEL)), 'RecordLog');
    assert.deepEqual([log.CurrentNumberOfRecords, log.MaxNumberOfRecords], [info.Entries, info['# of Alloc Units']]);
    assert.equal(info.Entries, '4');
    const records = instances(await py('enumerate', '--uri', DMTF + 'CIM_LogRecord', '--optimize', '100', '--mode', 'EnumerateObjectAndEPR'), 'LogRecord');
    const list = table((await b.ipmitool('sel', 'list')).stdout);
    assert.deepEqual(
      records.map((r) => r.RecordID),
      list.map((c) => String(parseInt(c[0], 16))),
    );
  });

  it('pywinrm invoke RecordLog.ClearLog: `ipmitool sel list` then holds only the BMC\'s "Log area reset/cleared"', async () => {
    const [out] = await py('invoke', '--uri', W + 'RecordLog', '--method', 'ClearLog', ...sel(SEL));
    assert.match(out, /<p:ClearLog_OUTPUT [^>]*><p:ReturnValue>0<\/p:ReturnValue><\/p:ClearLog_OUTPUT>/);
    assert.deepEqual(table((await b.ipmitool('sel', 'list')).stdout).map((c) => c.slice(3)), [['Event Logging Disabled #0x07', 'Log area reset/cleared', 'Asserted']]);
    const [log] = instances(await py('get', '--uri', W + 'RecordLog', ...sel(SEL)), 'RecordLog');
    assert.equal(log.CurrentNumberOfRecords, fields((await b.ipmitool('sel', 'info')).stdout).Entries);
    assert.equal(log.CurrentNumberOfRecords, '1');
  });

  it('pywinrm invoke ComputerSystem.RequestStateChange(3): `ipmitool chassis power status` says off, EnabledState follows', async () => {
    assert.equal((await b.ipmitool('chassis', 'power', 'status')).stdout.trim(), 'Chassis Power is on');
    assert.equal(instances(await py('get', '--uri', W + 'ComputerSystem', ...sel(SYSTEM)), 'ComputerSystem')[0].EnabledState, '2');
    const [out] = await py('invoke', '--uri', W + 'ComputerSystem', '--method', 'RequestStateChange', '--param', 'RequestedState=3', ...sel(SYSTEM));
    assert.match(out, /<p:ReturnValue>0<\/p:ReturnValue>/);
    assert.equal((await b.ipmitool('chassis', 'power', 'status')).stdout.trim(), 'Chassis Power is off');
    const [cs] = instances(await py('get', '--uri', W + 'ComputerSystem', ...sel(SYSTEM)), 'ComputerSystem');
    assert.deepEqual([cs.EnabledState, cs.RequestedState], ['3', '3']);
  });

  it('pywinrm put of UpperThresholdNonCritical (Get, edit, Put) is read back by `ipmitool sensor get`', async () => {
    // 12500 mV: raw (12500 + 98) / 53 = 237.7 -> 238 = 12.516 V.
    const res = await py('put', '--uri', W + 'NumericSensor', ...sel(V12), '--set', 'UpperThresholdNonCritical=12500');
    assert.equal(instances([res[1]], 'NumericSensor')[0].UpperThresholdNonCritical, '12516');
    assert.equal(fields((await b.ipmitool('sensor', 'get', 'BB +12.0V')).stdout)['Upper Non-Critical'], '12.516');
  });

  it('curl with a hand-written Get envelope: ComputerSystem power state and identity as ipmitool prints them', async () => {
    const envelope =
      '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd">' +
      `<s:Header><a:To>${endpoint}</a:To><w:ResourceURI s:mustUnderstand="true">${W}ComputerSystem</w:ResourceURI>` +
      '<a:ReplyTo><a:Address s:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>' +
      '<a:Action s:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2004/09/transfer/Get</a:Action><w:MaxEnvelopeSize s:mustUnderstand="true">153600</w:MaxEnvelopeSize>' +
      '<a:MessageID>uuid:0a7c1d2e-0000-4000-8000-000000000001</a:MessageID><w:OperationTimeout>PT60S</w:OperationTimeout>' +
      `<w:SelectorSet><w:Selector Name="CreationClassName">ComputerSystem</w:Selector><w:Selector Name="Name">${DEVICE}</w:Selector></w:SelectorSet>` +
      '</s:Header><s:Body/></s:Envelope>';
    const get = () => run('curl', ['-s', '-S', '-u', 'admin:secret', '-H', 'Content-Type: application/soap+xml;charset=UTF-8', '--data-binary', '@-', endpoint], { input: envelope, env: noProxyEnv() });
    let r = await get();
    assert.equal(r.status, 0, r.stderr);
    let [cs] = instances([r.stdout], 'ComputerSystem');
    const mc = fields((await b.ipmitool('mc', 'info')).stdout);
    const info = cs.OtherIdentifyingInfo as string[];
    const desc = cs.IdentifyingDescriptions as string[];
    const ident = (k: string) => info[desc.indexOf(k)];
    assert.deepEqual(
      [ident('IPMI:ManufacturerID'), ident('IPMI:ProductID'), ident('IPMI:FirmwareRevision'), ident('IPMI:IPMIVersion')],
      [mc['Manufacturer ID'], String(parseInt(mc['Product ID'], 10)), mc['Firmware Revision'], mc['IPMI Version']],
    );
    assert.equal(ident('CIM:GUID'), fields((await b.ipmitool('mc', 'guid')).stdout)['System GUID']);
    assert.equal(cs.EnabledState, '2');
    assert.equal((await b.ipmitool('chassis', 'power', 'off')).status, 0);
    assert.equal((await b.ipmitool('chassis', 'power', 'status')).stdout.trim(), 'Chassis Power is off');
    r = await get();
    [cs] = instances([r.stdout], 'ComputerSystem');
    assert.equal(cs.EnabledState, '3');
  });
});
