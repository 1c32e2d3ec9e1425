import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';

export interface Machine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly ramGiB: number;
  readonly os: string;
  readonly node: string;
  /** 1-minute load average when the bench started (includes the build `npm run bench` runs first). */
  readonly loadAverageAtStart: number;
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
    loadAverageAtStart: Math.round(loadavg()[0]! * 100) / 100,
  };
}

export function machineLine(m: Machine): string {
  return `${m.cpuModel}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node} (load average ${m.loadAverageAtStart} at start)`;
}

