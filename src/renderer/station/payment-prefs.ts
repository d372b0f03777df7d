// Whether this window prints the receipt right after a payment (kept in localStorage).
const AUTO_KEY = 'studio.autoReceipt';
export function autoReceiptEnabled(): boolean {
  try {
    return localStorage.getItem(AUTO_KEY) === '1';
  } catch {
    return false;
  }
}
export function setAutoReceipt(on: boolean): void {
  localStorage.setItem(AUTO_KEY, on ? '1' : '0');
}
