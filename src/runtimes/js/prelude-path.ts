/** Inside QuickJS: Node's `path` (POSIX). */
export const PATH_SOURCE = String.raw`
function normalizeParts(parts, absolute) {
  const out = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') { if (out.length && out[out.length - 1] !== '..') out.pop(); else if (!absolute) out.push('..'); continue; }
    out.push(part);
  }
  return out;
}
const path = {
  sep: '/',
  delimiter: ':',
  normalize(p) {
    if (p === '') return '.';
    const absolute = p.startsWith('/');
    const trailing = p.endsWith('/');
    let out = normalizeParts(p.split('/'), absolute).join('/');
    if (!out && !absolute) out = '.';
    if (out && trailing) out += '/';
    return (absolute ? '/' : '') + out;
  },
  join(...parts) {
    const joined = parts.filter((part) => part !== '').join('/');
    return joined === '' ? '.' : path.normalize(joined);
  },
  resolve(...parts) {
    let resolved = '';
    for (let i = parts.length - 1; i >= -1 && !resolved.startsWith('/'); i--) {
      const part = i >= 0 ? parts[i] : process.cwd();
      if (part) resolved = part + (resolved ? '/' + resolved : '');
    }
    const out = '/' + normalizeParts(resolved.split('/'), true).join('/');
    return out;
  },
  isAbsolute: (p) => p.startsWith('/'),
  dirname(p) {
    if (p === '') return '.';
    const trimmed = p.replace(/\/+$/, '') || '/';
    if (trimmed === '/') return '/';
    const cut = trimmed.lastIndexOf('/');
    if (cut === -1) return '.';
    return cut === 0 ? '/' : trimmed.slice(0, cut);
  },
  basename(p, ext) {
    const trimmed = p.replace(/\/+$/, '');
    let base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
    if (ext && base.endsWith(ext) && base !== ext) base = base.slice(0, -ext.length);
    return base;
  },
  extname(p) {
    const base = path.basename(p);
    const dot = base.lastIndexOf('.');
    return dot <= 0 ? '' : base.slice(dot);
  },
  relative(from, to) {
    const a = path.resolve(from).split('/').filter(Boolean);
    const b = path.resolve(to).split('/').filter(Boolean);
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return a.slice(i).map(() => '..').concat(b.slice(i)).join('/');
  },
  parse(p) {
    const root = p.startsWith('/') ? '/' : '';
    const base = path.basename(p);
    const ext = path.extname(p);
    const dir = p.includes('/') ? path.dirname(p) : '';
    return { root, dir, base, ext, name: ext ? base.slice(0, -ext.length) : base };
  },
  format(o) {
    const dir = o.dir || o.root || '';
    const base = o.base || (o.name || '') + (o.ext || '');
    return dir ? (dir === o.root ? dir + base : dir + '/' + base) : base;
  },
  toNamespacedPath: (p) => p,
};
path.posix = path;
`;
