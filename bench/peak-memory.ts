/**
 * A process's own peak resident memory, in MB. Read from /proc/self/status (VmHWM, the high
 * water mark of this process's address space), not from getrusage: on Linux a child's
 * ru_maxrss keeps the parent's resident size from before exec, so every reader run from a
 * benchmark that had grown to 320 MB reported at least 320 MB (seen in the peers table).
 */
import * as fs from 'node:fs';

export function peakRssMB(): number {
  try {
    const m = /VmHWM:\s*(\d+)\s*kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // Not Linux: getrusage is the best there is.
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** The same for a Python child (openpyxl), as source to paste into its script. */
export const PYTHON_PEAK_RSS_MB = `
def peak_rss_mb():
    try:
        for line in open('/proc/self/status'):
            if line.startswith('VmHWM:'):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
`;
