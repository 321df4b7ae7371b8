/**
 * Characters that make a spreadsheet read a cell as a formula (or, for
 * tab and carriage return, that some of them strip before doing so). A
 * value from the product that starts with one could run on the machine of
 * whoever opens the file (CSV injection), so exports neutralise it.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Whether a text would be read as a formula by a spreadsheet. */
export function looksLikeFormula(value: string): boolean {
  return FORMULA_START.test(value);
}

/**
 * The text as a spreadsheet shows it without running it: a leading
 * apostrophe marks the cell as text (the convention of Excel, LibreOffice
 * and Google Sheets). Only text is touched: a number written as a number
 * (-5) is data, not a formula.
 */
export function neutraliseFormula(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}
