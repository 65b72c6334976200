// Each CONTEXT.md is true to its room: it names every file of its folder (a sub-folder with a
// CONTEXT.md of its own is a room of its own). A test file counts as named when the file it tests is
// (`x.test.ts` beside `x.ts`); a name shared by several files of the room must be written with its
// folder (`lab/lab.ts`; the room's own folder for a file at its top, `lessons/index.ts`), so each name
// points at one file.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = 'src';

function contextRooms(): string[] {
  return fs.readdirSync(ROOT, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name === 'CONTEXT.md')
    .map((e) => path.relative(ROOT, e.parentPath).split(path.sep).join('/'))
    .sort();
}

/** The files of a room, relative to it, leaving out rooms inside it and the CONTEXT.md itself. */
export function roomFiles(room: string, rooms: string[]): string[] {
  const dir = path.join(ROOT, room);
  const inner = rooms.filter((r) => r !== room && r.startsWith(`${room}/`)).map((r) => `${r.slice(room.length + 1)}/`);
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((f) => f !== 'CONTEXT.md' && !inner.some((r) => f.startsWith(r)))
    .sort();
}

/** The files of `files` that `text` does not name. */
export function unnamed(text: string, files: string[], room = ''): string[] {
  const count = new Map<string, number>();
  for (const f of files) count.set(path.posix.basename(f), (count.get(path.posix.basename(f)) ?? 0) + 1);
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const names = (f: string): boolean => {
    const base = path.posix.basename(f);
    // The whole path, or the name with enough of its folders to be the only such file of the room.
    const parts = [...(room ? room.split('/') : []), ...f.split('/')];
    const own = f.split('/').length;
    for (let i = parts.length - 1; i >= 0; i--) {
      const tail = parts.slice(i).join('/');
      if (i === parts.length - 1 && (count.get(base) ?? 0) > 1) continue;
      if (i < parts.length - own - 1 && i < parts.length - 1) break; // the room's own folder, no further up
      if (new RegExp(`(^|[^\\w./-])${esc(tail)}($|[^\\w-])`).test(text)) return true;
    }
    return false;
  };
  return files.filter((f) => {
    if (names(f)) return false;
    const tested = f.replace(/\.test\.(tsx?)$/, '.$1');
    return !(tested !== f && (files.includes(tested) || files.includes(tested.replace(/\.ts$/, '.tsx'))) && names(files.includes(tested) ? tested : tested.replace(/\.ts$/, '.tsx')));
  });
}

describe('CONTEXT.md files', () => {
  it('finds a file left out, a shared name written without its folder, and a test whose subject is named', () => {
    const files = ['a.ts', 'a.test.ts', 'x/index.ts', 'y/index.ts', 'z.css'];
    expect(unnamed('`a.ts`; `x/index.ts`, `index.ts`', files)).toEqual(['y/index.ts', 'z.css']);
    expect(unnamed('`a.ts` `x/index.ts` `y/index.ts` z.css', files)).toEqual([]);
    expect(unnamed('`aa.ts`', ['a.ts'])).toEqual(['a.ts']);
    expect(unnamed('`lessons/index.ts` and `x/index.ts`', ['index.ts', 'x/index.ts'], 'lessons')).toEqual([]);
  });

  const rooms = contextRooms();
  it('there is one per room of src/', () => {
    expect(rooms).toEqual(expect.arrayContaining(['app', 'engine', 'lessons', 'ui', 'worker']));
  });

  for (const room of rooms) {
    it(`src/${room}/CONTEXT.md names every file of its room`, () => {
      const text = fs.readFileSync(path.join(ROOT, room, 'CONTEXT.md'), 'utf8');
      expect(unnamed(text, roomFiles(room, rooms), room)).toEqual([]);
    });
  }
});
