import { arch, hostname, platform, release } from 'node:os';
import type { Attributes } from '@opentelemetry/api';

/** Node's `os.arch()` names mapped to the semantic conventions' `host.arch` values. */
const ARCH: Readonly<Record<string, string>> = { x64: 'amd64', arm: 'arm32', arm64: 'arm64', ia32: 'x86', ppc: 'ppc32', ppc64: 'ppc64', s390x: 's390x' };

/** Node's `os.platform()` names mapped to the semantic conventions' `os.type` values. */
const OS_TYPE: Readonly<Record<string, string>> = { win32: 'windows', sunos: 'solaris', darwin: 'darwin', linux: 'linux', freebsd: 'freebsd', openbsd: 'openbsd', netbsd: 'netbsd', aix: 'aix' };

/** The host and OS semantic conventions (no I/O beyond what `os` caches). */
export function hostAttributes(): Attributes {
  return {
    'host.name': hostname(),
    'host.arch': ARCH[arch()] ?? arch(),
    'os.type': OS_TYPE[platform()] ?? platform(),
    'os.version': release(),
  };
}
