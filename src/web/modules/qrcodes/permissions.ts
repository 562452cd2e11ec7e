/** Printing the QR code sheets (admin, safety department). */
export const QRCODES_PRINT = 'qrcodes.print';
