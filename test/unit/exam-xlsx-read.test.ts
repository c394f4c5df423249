// The lean XLSX reader (electron/services/exam/xlsx-read.ts) against exceljs's full load, cell for
// cell, on workbooks exceljs writes (shared strings, rich text, numbers, 18-digit numbers, dates,
// booleans, formulas, gaps) and on hand-made ones in the shapes other writers use (inline strings,
// phonetic runs, cells without r=, the 1904 date system); and its errors.
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsxRows, RosterFileError } from '../../electron/services/exam/roster-file.ts';
import { readXlsxTable, XlsxReadError } from '../../electron/services/exam/xlsx-read.ts';

/** What roster-file.ts read through exceljs before the lean reader (kept here as the reference). */
async function viaExcelJs(bytes: Uint8Array): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  const text = (cell: ExcelJS.Cell): string => {
    const v = cell.value;
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return Number.isSafeInteger(v) || !Number.isInteger(v) ? String(v) : v.toFixed(0);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v === 'object') {
      if ('richText' in v) return v.richText.map((r) => r.text).join('');
      if ('result' in v) return cell.text;
      if ('text' in v) return v.text;
    }
    return cell.text;
  };
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(text(row.getCell(c)));
    rows.push(cells);
  }
  return rows;
}

/** A minimal ZIP (deflate) of the given files, as another writer would lay it out. */
function zip(files: Record<string, string>): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const raw = Buffer.from(text, 'utf8');
    const data = deflateRawSync(raw);
    const n = Buffer.from(name, 'utf8');
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc32(raw), 14);
    lh.writeUInt32LE(data.length, 18);
    lh.writeUInt32LE(raw.length, 22);
    lh.writeUInt16LE(n.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc32(raw), 16);
    ch.writeUInt32LE(data.length, 20);
    ch.writeUInt32LE(raw.length, 24);
    ch.writeUInt16LE(n.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, n, data);
    central.push(ch, n);
    offset += lh.length + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

const WB_RELS = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const workbook = (pr = '') => `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${pr}<sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`;

describe('lean XLSX reader', () => {
  it('reads what exceljs writes, cell for cell the same as exceljs reads it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('考生名单');
    ws.addRow(['姓名', '证件号码', '工种', '等级', '分数', '日期', '合格', '公式']);
    ws.addRow(['王伟', '11010119900101001X', '直播销售员', '五级/初级工', 88.5, new Date(Date.UTC(2026, 11, 3)), true, { formula: 'E2*2', result: 177 }]);
    ws.addRow([{ richText: [{ text: '李' }, { text: '芳', font: { bold: true } }] }, Number('110101199202020021'), '选品员', 5, 60, null, false, { formula: 'A2&"x"', result: '王伟x' }]);
    ws.addRow([]);
    ws.addRow(['A & B <c> "d"', '', '', '', -0.25]);
    ws.getCell('J6').value = '远处的单元格';
    ws.getCell('B7').value = '第二行\n换行';
    wb.addWorksheet('另一页').addRow(['不读']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const ours = readXlsxTable(bytes);
    expect(ours).toEqual(await viaExcelJs(bytes));
    expect(ours[1]?.[5]).toBe('2026-12-03');
    expect(ours[2]?.[1]).toBe(Number('110101199202020021').toFixed(0));
    expect(ours[5]?.[9]).toBe('远处的单元格');
  });
  it('reads inline strings, leaves out phonetic runs, places cells without r=, and counts 1904 dates', () => {
    const sheet = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
      <row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>
      <row r="3"><c t="inlineStr"><is><r><t>张</t></r><r><t xml:space="preserve">敏 </t></r></is></c><c t="n"><v>1.5</v></c><c s="1"><v>0</v></c><c t="b"><v>1</v></c><c t="str"><f>X</f><v>&#x5408;&amp;格_x0041_</v></c></row>
    </sheetData></worksheet>`;
    const sst = '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>证件号码</t></si><si><r><t>单</t></r><r><t>位</t></r><rPh sb="0" eb="1"><t>たん</t></rPh></si></sst>';
    const styles = '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>';
    const bytes = zip({
      'xl/workbook.xml': workbook('<workbookPr date1904="1"/>'),
      'xl/_rels/workbook.xml.rels': WB_RELS,
      'xl/worksheets/sheet1.xml': sheet,
      'xl/sharedStrings.xml': sst,
      'xl/styles.xml': styles,
    });
    expect(readXlsxTable(bytes)).toEqual([
      ['姓名', '证件号码', '单位', '', ''],
      ['', '', '', '', ''],
      ['张敏 ', '1.5', '1904-01-01', 'true', '合&格A'],
    ]);
  });
  it('says what is wrong with a file it cannot read', () => {
    const codeOf = (bytes: Uint8Array) => {
      try {
        readXlsxRows(bytes);
        return 'read';
      } catch (error) {
        return error instanceof RosterFileError ? `${error.code} ${JSON.stringify(error.params)}` : String(error);
      }
    };
    expect(codeOf(new TextEncoder().encode('姓名,证件号码\n'))).toMatch(/^rosterFile\.badXlsx .*not a ZIP file/);
    expect(codeOf(zip({ 'word/document.xml': '<w/>' }))).toMatch(/^rosterFile\.badXlsx .*no xl\/workbook\.xml/);
    expect(codeOf(zip({ 'xl/workbook.xml': '<workbook><sheets/></workbook>' }))).toBe('rosterFile.noSheet {}');
    expect(codeOf(zip({ 'xl/workbook.xml': workbook(), 'xl/_rels/workbook.xml.rels': WB_RELS }))).toBe('rosterFile.noSheet {}');
    const cut = zip({ 'xl/workbook.xml': workbook(), 'xl/_rels/workbook.xml.rels': WB_RELS, 'xl/worksheets/sheet1.xml': '<worksheet><sheetData/></worksheet>' });
    expect(() => readXlsxTable(cut.subarray(0, cut.length - 30))).toThrow(XlsxReadError);
  });
});
