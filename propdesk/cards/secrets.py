"""The site secrets: where they live and how they travel.

Two random 256-bit keys (master key for per-card keys, MAC key for credential
tags) and the number of the credential sector.  They live ONLY in the
operating system's key store through :mod:`keyring` (Windows Credential
Manager, macOS Keychain, Secret Service on Linux); never in the database, a
config file or a log.  :class:`SiteSecrets` does not print its keys.

Carrying them to a second office is an explicit export, encrypted with a
passphrase: scrypt (N=2**15, r=8, p=1, 16-byte salt) derives a 256-bit key,
AES-256-GCM (12-byte random nonce) encrypts the secrets, and the file's
header (format, KDF parameters, fingerprint, sector) is authenticated as
associated data, so changing any of it makes decryption fail.  AES-GCM comes
from the ``cryptography`` package; the standard library has no AES.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Any, Final

from propdesk.cards import crypto
from propdesk.cards.errors import BadPassphrase, SecretsError, SecretsExist, SecretsMissing

KEYRING_SERVICE: Final = "PropDesk gate-card secrets"
KEYRING_USER: Final = "site"
DEFAULT_SECTOR: Final = 1
EXPORT_FORMAT: Final = "propdesk-card-secrets"
EXPORT_VERSION: Final = 1
MIN_PASSPHRASE: Final = 12
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_SCRYPT_MAXMEM: Final = 128 * 1024 * 1024


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class SiteSecrets:
    master_key: bytes = field(repr=False)
    mac_key: bytes = field(repr=False)
    sector: int = DEFAULT_SECTOR
    created: str = ""

    def __post_init__(self) -> None:
        if len(self.master_key) != crypto.SECRET_SIZE or len(self.mac_key) != crypto.SECRET_SIZE:
            raise SecretsError("门禁卡密钥长度错误，密钥已损坏", "site secrets have the wrong length (damaged)")
        if self.master_key == self.mac_key:
            raise SecretsError("门禁卡主密钥与校验密钥相同，密钥无效", "master and MAC keys are equal")
        if not 1 <= self.sector <= 15:
            raise SecretsError(f"凭证扇区应为 1–15：{self.sector}", f"credential sector must be 1-15: {self.sector}")

    @classmethod
    def generate(cls, sector: int = DEFAULT_SECTOR, today: dt.date | None = None) -> SiteSecrets:
        return cls(os.urandom(crypto.SECRET_SIZE), os.urandom(crypto.SECRET_SIZE), sector,
                   (today or dt.date.today()).isoformat())

    @property
    def fingerprint(self) -> str:
        return crypto.fingerprint(self.master_key, self.mac_key)

    def keys_for(self, uid: bytes) -> tuple[bytes, bytes]:
        """(key A, key B) of this card's credential sector."""
        return crypto.card_keys(self.master_key, uid, self.sector)

    def to_json(self) -> str:
        return json.dumps({"v": 1, "master": _b64(self.master_key), "mac": _b64(self.mac_key),
                           "sector": self.sector, "created": self.created}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> SiteSecrets:
        try:
            data = json.loads(text)
            return cls(_unb64(data["master"]), _unb64(data["mac"]), int(data["sector"]),
                       str(data.get("created", "")))
        except (ValueError, KeyError, TypeError) as exc:
            raise SecretsError("门禁卡密钥数据已损坏，无法读取", f"site secrets are damaged: {type(exc).__name__}") from None


# --- the key store ------------------------------------------------------------------------

def _keyring():
    import keyring

    return keyring


def _unavailable(exc: BaseException) -> SecretsError:
    return SecretsError(
        f"无法访问操作系统的密钥存储（{type(exc).__name__}）：请在已登录的桌面会话中运行，"
        "或安装并解锁系统钥匙串",
        f"the operating system's key store is not available ({type(exc).__name__}): run in a "
        "logged-in desktop session or install and unlock a keyring",
    )


def load(*, required: bool = True) -> SiteSecrets | None:
    """The secrets from the key store; ``SecretsMissing`` (or None) if there are none."""
    from keyring.errors import KeyringError

    try:
        text = _keyring().get_password(KEYRING_SERVICE, KEYRING_USER)
    except KeyringError as exc:
        raise _unavailable(exc) from None
    if text is None:
        if not required:
            return None
        raise SecretsMissing(
            "本机尚未配置门禁卡密钥：请由管理员运行 propdesk card secrets init（首个管理处），"
            "或用 propdesk card secrets import 导入总部导出的密钥文件",
            "no gate-card secrets on this computer: run `propdesk card secrets init` (first office) "
            "or `propdesk card secrets import` with the file exported by the first office",
        )
    return SiteSecrets.from_json(text)


def store(secrets: SiteSecrets, *, replace: bool = False) -> None:
    """Put the secrets in the key store; refuses to overwrite different ones unless ``replace``."""
    from keyring.errors import KeyringError

    current = load(required=False)
    if current is not None and current.fingerprint != secrets.fingerprint and not replace:
        raise SecretsExist(
            f"本机已有门禁卡密钥（指纹 {current.fingerprint}）。更换密钥后已发的卡全部无法读取，"
            "如确需更换请加 --replace-existing",
            f"this computer already has gate-card secrets (fingerprint {current.fingerprint}); replacing "
            "them makes every issued card unreadable. Pass --replace-existing if you really mean it",
        )
    try:
        _keyring().set_password(KEYRING_SERVICE, KEYRING_USER, secrets.to_json())
    except KeyringError as exc:
        raise _unavailable(exc) from None


def initialise(sector: int = DEFAULT_SECTOR, *, replace: bool = False) -> SiteSecrets:
    """Create new secrets and store them (the first office's set-up step)."""
    current = load(required=False)
    if current is not None and not replace:
        raise SecretsExist(
            f"本机已有门禁卡密钥（指纹 {current.fingerprint}），无需再次初始化",
            f"gate-card secrets already exist (fingerprint {current.fingerprint}); nothing to do",
        )
    secrets = SiteSecrets.generate(sector)
    store(secrets, replace=True)
    return secrets


# --- encrypted export -----------------------------------------------------------------------

def _check_passphrase(passphrase: str) -> bytes:
    if len(passphrase) < MIN_PASSPHRASE:
        raise BadPassphrase(
            f"导出口令至少 {MIN_PASSPHRASE} 个字符",
            f"the export passphrase must be at least {MIN_PASSPHRASE} characters",
        )
    return passphrase.encode("utf-8")


def _derive(passphrase: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(passphrase, salt=salt, n=n, r=r, p=p, maxmem=_SCRYPT_MAXMEM, dklen=32)


def _header_bytes(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def export_bytes(secrets: SiteSecrets, passphrase: str, *, n: int = SCRYPT_N) -> bytes:
    """The encrypted export file's content (JSON, safe to carry on a USB stick)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    header = {
        "format": EXPORT_FORMAT, "version": EXPORT_VERSION,
        "kdf": {"name": "scrypt", "n": n, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt)},
        "cipher": "AES-256-GCM", "nonce": _b64(nonce),
        "fingerprint": secrets.fingerprint, "sector": secrets.sector,
    }
    key = _derive(_check_passphrase(passphrase), salt, n, SCRYPT_R, SCRYPT_P)
    ciphertext = AESGCM(key).encrypt(nonce, secrets.to_json().encode("utf-8"), _header_bytes(header))
    return (json.dumps({"header": header, "ciphertext": _b64(ciphertext)}, indent=2) + "\n").encode("utf-8")


def import_bytes(data: bytes, passphrase: str) -> SiteSecrets:
    """Decrypt an export; ``BadPassphrase`` for a wrong passphrase or a tampered file."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        document = json.loads(data.decode("utf-8"))
        header = document["header"]
        kdf = header["kdf"]
        if header["format"] != EXPORT_FORMAT or header["version"] != EXPORT_VERSION \
                or kdf["name"] != "scrypt" or header["cipher"] != "AES-256-GCM":
            raise ValueError("unknown format")
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        if not (2**14 <= n <= 2**20 and r == SCRYPT_R and p == SCRYPT_P):
            raise ValueError("unacceptable KDF parameters")
        salt, nonce = _unb64(kdf["salt"]), _unb64(header["nonce"])
        ciphertext = _unb64(document["ciphertext"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise SecretsError("这不是 PropDesk 门禁卡密钥导出文件，或文件已损坏",
                           "not a PropDesk card-secrets export, or the file is damaged") from None
    key = _derive(passphrase.encode("utf-8"), salt, n, r, p)
    try:
        plain = AESGCM(key).decrypt(nonce, ciphertext, _header_bytes(header))
    except InvalidTag:
        raise BadPassphrase("口令错误，或密钥文件已被改动：无法解密",
                            "wrong passphrase, or the file was altered: cannot decrypt") from None
    secrets = SiteSecrets.from_json(plain.decode("utf-8"))
    if secrets.fingerprint != header["fingerprint"]:
        raise SecretsError("密钥文件指纹不符，文件已损坏", "fingerprint mismatch: damaged file")
    return secrets
