import type { PortRange } from './rule.js';

export function containsPort(range: PortRange, port: number): boolean {
  return range.from <= port && port <= range.to;
}

export function watchedPortsIn(range: PortRange, watched: readonly number[]): number[] {
  return watched.filter((port) => containsPort(range, port));
}

/** The parts of `range` that remain once every watched port is cut out, in order. */
export function subtractPorts(range: PortRange, watched: readonly number[]): PortRange[] {
  const cuts = [...new Set(watchedPortsIn(range, watched))].sort((a, b) => a - b);
  const rest: PortRange[] = [];
  let from = range.from;
  for (const port of cuts) {
    if (port > from) rest.push({ from, to: port - 1 });
    from = port + 1;
  }
  if (from <= range.to) rest.push({ from, to: range.to });
  return rest;
}
