// Generates a realistic ledger for the benchmark: 60 units (the demo's six plus 54 more, each
// with a valid unit.yaml), the demo items unchanged (so every cross-reference resolves), and
// `count` items made from the demo items with new ids, units, parties, titles and phones —
// every state the demo covers. The result is kept under the temp directory, keyed by size,
// generator version and the demo ledger's content, so reruns start at once.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const GENERATOR_VERSION = 2;
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO = path.join(repo, 'ledger');

const BUREAUS = [
  '发展和改革委员会',
  '教育局',
  '科学技术局',
  '公安分局',
  '民政局',
  '司法局',
  '财政局',
  '人力资源和社会保障局',
  '生态环境局',
  '交通运输局',
  '水利局',
  '农业农村局',
  '商务局',
  '文化广电和旅游局',
  '卫生健康委员会',
  '退役军人事务局',
  '应急管理局',
  '审计局',
  '统计局',
  '医疗保障局',
  '城市管理局',
  '数据局',
  '行政审批局',
  '市场监督管理分局',
  '住房公积金管理部',
  '残疾人联合会',
  '工商业联合会',
];
const TOWNS = [
  '渔沟镇',
  '吴集镇',
  '西宋集镇',
  '徐溜镇',
  '王兴镇',
  '棉花庄镇',
  '丁集镇',
  '五里镇',
  '三树镇',
  '韩桥乡',
  '新渡乡',
  '袁集乡',
  '刘老庄镇',
  '赵集镇',
  '南陈集镇',
  '老张集乡',
  '凌桥乡',
  '古清口街道',
  '长江路街道',
  '淮河路街道',
  '清河街道',
  '古寨乡',
  '营东街道',
  '庆丰街道',
  '东郊街道',
  '北京路街道',
  '新城街道',
];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = [
  '秀英',
  '桂英',
  '秀兰',
  '玉兰',
  '建华',
  '建国',
  '志强',
  '海燕',
  '丽娟',
  '晓东',
  '明',
  '伟',
  '芳',
  '静',
  '敏',
  '磊',
  '洋',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '超',
  '霞',
  '平',
  '刚',
  '桂兰',
  '红梅',
  '春梅',
  '文博',
];
const COMPANIES = [
  '淮安市某某食品有限公司',
  '淮阴区某某农业专业合作社',
  '江苏某某建设工程有限公司',
  '淮安某某物流有限公司',
  '淮阴区某某家庭农场',
  '淮安某某电子科技有限公司',
  '淮阴区某某餐饮店',
  '淮安某某医疗器械有限公司',
];
const TOPICS = ['（续）', '（复办）', '（同类诉求）', '（二次申请）', '（补充材料后再次申请）', '', '', ''];

function demoFiles() {
  const units = [];
  const items = [];
  for (const unit of readdirSync(DEMO, { withFileTypes: true })) {
    if (!unit.isDirectory() || unit.name === 'calendar' || unit.name.startsWith('.')) continue;
    units.push(unit.name);
    for (const file of readdirSync(path.join(DEMO, unit.name)).sort()) {
      if (file.endsWith('.yaml') && file !== 'unit.yaml')
        items.push({ unit: unit.name, text: readFileSync(path.join(DEMO, unit.name, file), 'utf8') });
    }
  }
  return { units: units.sort(), items };
}

function demoDigest() {
  const hash = createHash('sha1');
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else hash.update(e.name).update(readFileSync(p));
    }
  };
  walk(DEMO);
  return hash.digest('hex').slice(0, 10);
}

function unitYaml(code, name, kind, n) {
  const tel = (k) => `0517-8${String(1000 + n).padStart(4, '0')}${k}${k}${k}`.slice(0, 13);
  return `# 单位及“办不成事”工作联系表（附件2）

code: ${code} # 单位代码
name: ${name} # 单位名称
kind: ${kind} # 单位类型（区直单位/镇街/区办）
leader: # 分管领导
  name: ${SURNAMES[n % SURNAMES.length]}${GIVEN[n % GIVEN.length]} # 分管领导姓名
  title: ${kind === '镇街' ? '副镇长' : '副局长'} # 分管领导职务
  phone: ${tel(1)} # 分管领导联系电话
lead_section: # 牵头科室
  name: 办公室 # 牵头科室名称
  head: ${SURNAMES[(n * 7) % SURNAMES.length]}${GIVEN[(n * 3) % GIVEN.length]} # 牵头科室负责人
  phone: ${tel(2)} # 牵头科室联系电话
contact: # 联系人
  name: ${SURNAMES[(n * 11) % SURNAMES.length]}${GIVEN[(n * 5) % GIVEN.length]} # 联系人姓名
  title: 办公室科员 # 联系人职务
  phone: "138${String(n).padStart(4, '0')}${String(n * 37)
    .padStart(4, '0')
    .slice(-4)}" # 联系人联系电话
`;
}

/** The 54 extra units: code, name, kind. */
export function extraUnits() {
  const out = [];
  for (let n = 1; n <= 54; n++) {
    const town = n % 2 === 0;
    const name = town
      ? `淮阴区${TOWNS[(n / 2 - 1) % TOWNS.length]}`
      : `淮阴区${BUREAUS[((n - 1) / 2) % BUREAUS.length]}`;
    out.push({
      code: `${town ? 'zhen' : 'ju'}${String(n).padStart(2, '0')}`,
      name,
      kind: town ? '镇街' : '区直单位',
      n,
    });
  }
  return out;
}

function mutate(text, unit, id, k) {
  const person = `${SURNAMES[k % SURNAMES.length]}${GIVEN[(k * 7) % GIVEN.length]}`;
  return text
    .replace(/^id: \S+/m, `id: ${id}`)
    .replace(/^unit: \S+/m, `unit: ${unit}`)
    .replace(/^(title: )(\S+)/m, (_, p, t) => `${p}${t}${TOPICS[k % TOPICS.length]}`)
    .replace(
      /^( {2}name: )(\S+)(.*办理对象名称)/m,
      (_, p, name, rest) =>
        `${p}${name.endsWith('公司') || name.length > 4 ? COMPANIES[k % COMPANIES.length] : person}${rest}`,
    )
    .replace(/^( {2}phone: "1[3-9]\d)\d{8}"/m, (_, p) => `${p}${String((k * 7919) % 1e8).padStart(8, '0')}"`);
}

/** The generated ledger's directory (made if missing) and how many items it holds in all. */
export function generatedLedger(count) {
  const demo = demoFiles();
  const dir = path.join(tmpdir(), `bbcs-bench-v${GENERATOR_VERSION}-${demoDigest()}-${count}`);
  const total = count + demo.items.length;
  if (existsSync(path.join(dir, '.complete'))) return { dir, total, units: demo.units.length + 54 };
  const work = `${dir}.tmp-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  cpSync(DEMO, work, { recursive: true });
  const units = extraUnits();
  for (const u of units) {
    mkdirSync(path.join(work, u.code), { recursive: true });
    writeFileSync(path.join(work, u.code, 'unit.yaml'), unitYaml(u.code, u.name, u.kind, u.n));
  }
  const codes = [...demo.units, ...units.map((u) => u.code)];
  for (let k = 0; k < count; k++) {
    const unit = codes[k % codes.length];
    const template = demo.items[Math.floor(k / codes.length) % demo.items.length];
    const id = `${unit.toUpperCase()}-2026-${String(10000 + Math.floor(k / codes.length)).padStart(5, '0')}`;
    writeFileSync(path.join(work, unit, `${id}.yaml`), mutate(template.text, unit, id, k));
  }
  writeFileSync(path.join(work, '.complete'), '');
  rmSync(dir, { recursive: true, force: true });
  renameSync(work, dir);
  return { dir, total, units: codes.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const count = Number(process.argv[2] ?? 10000);
  const { dir, total } = generatedLedger(count);
  console.log(`${dir} (${total} 个事项)`);
}
