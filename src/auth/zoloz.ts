// ZOLOZ gateway protocol (public/private-key mode): the entry point importers use. The protocol lives in
// zoloz-format.ts (constants, times, headers), zoloz-sign.ts (signing, verification) and zoloz-crypto.ts (RSA_AES).

export {
  formatRequestTime,
  formatSignatureHeader,
  parseRequestTime,
  parseSignatureHeader,
  ZOLOZ_ENCRYPT_ALGORITHM,
  ZOLOZ_ENCRYPTED_CONTENT_TYPE,
  ZOLOZ_JSON_CONTENT_TYPE,
  ZOLOZ_SIGNATURE_ALGORITHM,
  type ParsedRequestTime,
  type ParsedSignatureHeader,
  type SignatureEncoding,
} from "./zoloz-format.ts";
export {
  signZoloz,
  signZolozRequest,
  signZolozResponse,
  verifyZoloz,
  verifyZolozRequest,
  verifyZolozResponse,
  zolozContent,
  zolozContentBytes,
  type HeaderBag,
  type ZolozRequestHeaders,
  type ZolozRequestProblem,
  type ZolozRequestVerification,
  type ZolozSigningOptions,
  type ZolozVerification,
} from "./zoloz-sign.ts";
export {
  decryptZolozBody,
  decryptZolozBodyWithKey,
  decryptZolozEnvelope,
  encryptZolozBody,
  formatEncryptHeader,
  nativePkcs1DecryptAvailable,
  parseEncryptHeader,
  rsaPkcs1Decrypt,
  unwrapZolozKey,
  type ParsedEncryptHeader,
} from "./zoloz-crypto.ts";
