/**
 * The layers, enforced by `npm run lint`: core ← io ← cli, never back up, no cycles.
 * core is pure: no file system, no processes, no clock-reading libraries, no exceljs.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle makes the layers meaningless and the load order fragile.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment:
        'core holds schemas, workflow, calendar, deadlines, checks and report models: it reads nothing from outside.',
      from: { path: '^src/core/' },
      to: {
        path: ['^src/io/', '^src/cli/', 'node_modules/(exceljs|@inquirer|commander|echarts)/'],
      },
    },
    {
      name: 'core-touches-no-system',
      severity: 'error',
      comment: 'No fs, no child processes, no worker threads, no os in core: "now" and files are parameters.',
      from: { path: '^src/core/' },
      to: {
        dependencyTypes: ['core'],
        path: '^(fs|node:fs|child_process|node:child_process|worker_threads|node:worker_threads|os|node:os|fs/promises|node:fs/promises)$',
      },
    },
    {
      name: 'io-below-cli',
      severity: 'error',
      comment: 'io serves the commands; it never reaches up into the command line.',
      from: { path: '^src/io/' },
      to: { path: '^src/cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
