"""Site secrets: only in the key store; export only encrypted with a passphrase."""

from __future__ import annotations

import base64
import json

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked

from propdesk.cards import secrets as S
from propdesk.cards.errors import BadPassphrase, SecretsError, SecretsExist, SecretsMissing

PASS = "correct horse battery staple"


def test_missing_secrets_say_what_to_do(keystore):
    with pytest.raises(SecretsMissing) as info:
        S.load()
    assert "propdesk card secrets init" in info.value.zh
    assert S.load(required=False) is None


def test_initialise_stores_in_the_keyring_only(keystore):
    site = S.initialise(sector=2)
    assert list(keystore.entries) == [(S.KEYRING_SERVICE, S.KEYRING_USER)]
    assert S.load() == site and site.sector == 2
    assert len(site.master_key) == 32 and site.master_key != site.mac_key
    assert site.master_key.hex() not in repr(site) and "master_key=" not in repr(site)


def test_second_initialise_is_refused(site):
    with pytest.raises(SecretsExist):
        S.initialise()
    assert S.load() == site


def test_export_is_encrypted_and_round_trips(site, keystore):
    data = S.export_bytes(site, PASS, n=2**14)
    for secret in (site.master_key, site.mac_key):
        assert secret not in data
        assert base64.b64encode(secret) not in data
        assert secret.hex().encode() not in data
    document = json.loads(data)
    assert document["header"]["cipher"] == "AES-256-GCM"
    assert document["header"]["fingerprint"] == site.fingerprint
    assert S.import_bytes(data, PASS) == site


def test_wrong_passphrase_and_tampering_are_refused(site):
    data = S.export_bytes(site, PASS, n=2**14)
    with pytest.raises(BadPassphrase):
        S.import_bytes(data, PASS + "!")
    document = json.loads(data)
    document["header"]["sector"] = 5  # authenticated as associated data
    with pytest.raises(BadPassphrase):
        S.import_bytes(json.dumps(document).encode(), PASS)
    document = json.loads(data)
    raw = bytearray(base64.b64decode(document["ciphertext"]))
    raw[0] ^= 1
    document["ciphertext"] = base64.b64encode(bytes(raw)).decode()
    with pytest.raises(BadPassphrase):
        S.import_bytes(json.dumps(document).encode(), PASS)
    with pytest.raises(SecretsError):
        S.import_bytes(b"not json", PASS)


def test_short_passphrase_is_refused(site):
    with pytest.raises(BadPassphrase):
        S.export_bytes(site, "short")


def test_import_never_silently_replaces_other_secrets(site, keystore):
    other = S.SiteSecrets.generate()
    with pytest.raises(SecretsExist):
        S.store(other)
    assert S.load() == site
    S.store(site)  # the same secrets again: fine
    S.store(other, replace=True)
    assert S.load() == other


class LockedKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service, username):
        raise KeyringLocked("locked")

    def set_password(self, service, username, password):
        raise KeyringLocked("locked")

    def delete_password(self, service, username):
        raise KeyringLocked("locked")


def test_unavailable_keyring_is_a_clear_error():
    keyring.set_keyring(LockedKeyring())  # the autouse fixture restores the previous one
    with pytest.raises(SecretsError) as info:
        S.load()
    assert "密钥存储" in info.value.zh
