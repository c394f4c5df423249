// `npx livedrill <command>`: every command is a function (args, io) -> exit code, so tests call
// them directly. Exit codes: 0 ok, 1 the thing checked is not ok, 2 bad arguments or input.
import { centreCommand, centreUsage } from './centre.ts';
import { evidenceCommand, evidenceUsage } from './evidence.ts';
import { examCommand, examUsage } from './exam.ts';
import { obsCommand } from './obs.ts';
import { scenariosCommand } from './scenarios.ts';
import { standardCommand } from './standard.ts';
import { UsageError, processIO, type CliIO } from './usage.ts';
import { webCommand } from './web.ts';
import { appPackage } from '../services/version.ts';

export type Command = (args: string[], io: CliIO) => Promise<number>;

interface CommandEntry {
  run: Command;
  usage: string;
  summary: string;
}

const commands: Record<string, CommandEntry> = {
  web: { run: webCommand, usage: 'web [--port N] [--data-dir DIR] [--open]', summary: '在浏览器中运行应用 (serve the app on 127.0.0.1)' },
  standard: {
    run: standardCommand,
    usage: 'standard [--type A|B|C|D] [--level 1..5] [--include-lower] [--json]',
    summary: '国家职业技能标准 2021: 技能要求、权重、鉴定要求 (the standard as data)',
  },
  obs: {
    run: obsCommand,
    usage: 'obs check [--url ws://127.0.0.1:4455] [--password-file F] [--json]',
    summary: '检查 OBS: 版本、场景与来源、遥测、结论 (exit 1 when OBS cannot be used)',
  },
  evidence: {
    run: (args, io) => evidenceCommand(args, io),
    usage: evidenceUsage,
    summary: '证据包: 校验哈希链与文件、重放、导出与导入 (exit 1 invalid, 2 unusable input)',
  },
  exam: {
    run: examCommand,
    usage: examUsage,
    summary: '考务: 场次规则检查、考生名单校验（定位到行列）、成绩与分析、场次归档 (exit 1 not ok, 2 bad input)',
  },
  centre: {
    run: centreCommand,
    usage: centreUsage,
    summary: '考点服务: 局域网 TLS 服务、设备配对与撤销、证据包接收与签收 (the one process that listens beyond 127.0.0.1)',
  },
  scenarios: {
    run: scenariosCommand,
    usage: 'scenarios validate <file|dir>… | coverage [--type A|B|C|D] [--level 1..5] [--json]',
    summary: '场景文件: 校验（定位到行列）与技能要求覆盖 (exit 1 with located errors)',
  },
};

export function helpText(): string {
  const width = Math.max(...Object.values(commands).map((c) => c.usage.length));
  return [
    `LiveDrill 直播实训考评台 ${appPackage.version}`,
    '',
    'Usage: livedrill <command> [options]',
    '',
    'Commands:',
    ...Object.values(commands).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  --help, -h      show this help',
    '  --version, -v   print the version',
    '',
    'Exit codes: 0 ok · 1 the thing checked is not ok · 2 bad arguments or unusable input',
  ].join('\n');
}

export async function run(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(appPackage.version);
    return 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.err(`livedrill: unknown command "${name}". Run "livedrill --help" for the list.`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: livedrill ${command.usage}\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`livedrill ${name}: ${error.message}\nUsage: livedrill ${command.usage}`);
      return 2;
    }
    throw error;
  }
}
