/** The work dir every differential case starts from: a small project of the kind agents work on. */
export const START_TREE: Record<string, string> = {
  'README.md': '# Demo project\nA small project for testing.\n\n## Usage\nRun `make` to build.\nSay hello to the team.\n',
  'notes.txt': 'line one\nline two\n\nline four\n',
  'my file.txt': 'spaces in name\n',
  'empty.txt': '',
  'no_newline.txt': 'no newline at end',
  '.env': 'SECRET=xyz\nDEBUG=1\n',
  'script.sh': '#!/bin/bash\necho "script ran with $# args"\n',
  'src/main.py':
    'import sys\nfrom util import greet\n\n\ndef main():\n    print(greet("world"))\n    return 0\n\n\n' +
    'if __name__ == "__main__":\n    sys.exit(main())\n',
  'src/util.py': 'def greet(name):\n    # TODO: localize\n    return f"Hello, {name}!"\n\n\ndef add(a, b):\n    return a + b\n',
  'src/app.js':
    "const express = require('express');\nconst app = express();\n// TODO: add routes\n" +
    "app.get('/', (req, res) => res.send('ok $'));\napp.listen(3000);\n",
  'src/lib/math.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\nexport const PI = 3.14159;\n',
  'data/users.csv': 'id,name,age,city\n1,Alice,34,Paris\n2,Bob,27,Berlin\n3,Carol,45,Paris\n4,Dave,31,Madrid\n5,Eve,27,Berlin\n',
  'data/config.json':
    '{\n  "name": "demo",\n  "version": "1.2.3",\n  "debug": false,\n  "ports": [8080, 8081],\n' +
    '  "db": {"host": "localhost", "port": 5432},\n  "tags": ["a", "b", "c"]\n}\n',
  'data/log.txt':
    '2024-01-01 10:00:00 INFO start\n2024-01-01 10:00:01 WARN disk 80%\n2024-01-01 10:00:02 ERROR failed to connect\n' +
    '2024-01-01 10:00:03 INFO retry\n2024-01-01 10:00:04 ERROR timeout\n2024-01-01 10:00:05 INFO done\n',
  'data/words.txt': 'apple\nbanana\napple\ncherry\nbanana\napple\ndate\n',
  'data/numbers.txt': '10\n3\n25\n7\n3\n100\n42\n',
};
