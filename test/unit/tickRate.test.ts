// Which tick rate turns block and mutex cycles into time when the program has not measured
// its own: the start pair where the TSC counts from boot, this machine's TSC rate on a virtual
// machine (whose TSC does not) or where the pair gives nothing plausible. The figures are this
// project's machines': an AMD EPYC VM whose start pair gave 226 GHz (TSC 357740198303985 at
// nanotime 1577645083968) where the runtime measured 2.095950 GHz and cpuinfo says 2096.007 MHz.
// The DAP suite compares the result with the program's own profile (runtimeProfile.test.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { hostTicks } from '../../src/capture/runtimeProfile/hostTicks';
import { tickRate } from '../../src/capture/runtimeProfile/profiles';

const cpuinfo = (flags: string, mhz = '2096.007') => `processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\ncpu MHz\t\t: ${mhz}\nflags\t\t: fpu vme ${flags} tsc\n\nprocessor\t: 1\ncpu MHz\t\t: 1.0\nflags\t\t: fpu\n`;

test('cpuinfo: the first processor\'s MHz and whether it is a virtual machine', () => {
  assert.deepEqual(hostTicks(cpuinfo('hypervisor')), { ticksPerSecond: 2_096_007_000, virtual: true });
  assert.deepEqual(hostTicks(cpuinfo('constant_tsc')), { ticksPerSecond: 2_096_007_000, virtual: false });
  assert.equal(hostTicks(cpuinfo('hypervisor', 'abc')), undefined);
  assert.equal(hostTicks('processor\t: 0\nflags\t\t: fpu\n'), undefined);
  assert.equal(hostTicks(''), undefined);
});

test('a measured rate always wins', () => {
  assert.deepEqual(tickRate(2_095_950_336, 1, 1, hostTicks(cpuinfo('hypervisor'))), { ticksPerSecond: 2_095_950_336 });
});

test('on a virtual machine this machine\'s TSC rate is used, not the start pair (226 GHz)', () => {
  const rate = tickRate(0, 357740198303985, 1577645083968, hostTicks(cpuinfo('hypervisor')));
  assert.equal(rate?.ticksPerSecond, 2_096_007_000);
  assert.ok(Math.abs(rate!.ticksPerSecond / 2_095_950_336 - 1) < 0.001);
  assert.match(rate!.note!, /this machine's CPU tick rate, 2\.0960 GHz/);
});

test('on bare metal the start pair is used; the machine\'s rate only when the pair is implausible', () => {
  const bare = hostTicks(cpuinfo('constant_tsc', '800.000'));
  assert.equal(tickRate(0, 3_000_000_000 * 100, 100e9, bare)?.ticksPerSecond, 3_000_000_000);
  assert.equal(tickRate(0, 357740198303985, 1577645083968, bare)?.ticksPerSecond, 800_000_000);
});

test('without this machine (a remote dlv, a core file) an implausible pair gives no rate', () => {
  assert.equal(tickRate(0, 357740198303985, 1577645083968), undefined);
  assert.equal(tickRate(0, 5, 0), undefined);
  assert.match(tickRate(0, 2_720_000_000 * 10, 10e9)!.note!, /estimated CPU tick rate of 2\.7200 GHz/);
});
