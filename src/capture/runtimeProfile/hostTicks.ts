import { readFileSync } from 'node:fs';

/** This machine's TSC rate as Linux reports it, for a program Delve runs here. */
export interface HostTicks {
  ticksPerSecond: number;
  /** A virtual machine (cpuinfo's `hypervisor` flag): its TSC does not count from the guest's boot. */
  virtual: boolean;
}

/**
 * Reads `cpu MHz` and the flags of the first processor in /proc/cpuinfo. Only on x86-64 Linux:
 * there the runtime's ticks are the TSC; on arm64 they are nanotime and the program's start
 * pair is exact. On a virtual machine `cpu MHz` is the TSC rate the hypervisor gives (seen:
 * 2096.007 MHz where the runtime measured 2.095950 GHz, 27 ppm).
 */
export function hostTicks(cpuinfo?: string): HostTicks | undefined {
  if (cpuinfo === undefined) {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      return undefined;
    }
    try {
      cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return undefined;
    }
  }
  const first = cpuinfo.split(/\n\s*\n/)[0];
  const mhz = Number(/^cpu MHz\s*:\s*([\d.]+)\s*$/m.exec(first)?.[1]);
  if (!(mhz > 100 && mhz < 100_000)) {
    return undefined;
  }
  const flags = /^flags\s*:(.*)$/m.exec(first)?.[1].split(/\s+/) ?? [];
  return { ticksPerSecond: Math.round(mhz * 1e6), virtual: flags.includes('hypervisor') };
}
