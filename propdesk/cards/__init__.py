"""Gate cards (门禁卡/车卡): the pure core, no database, no Qt, no serial port.

* :mod:`.crypto`      per-card key diversification, the credential MAC, list signing
* :mod:`.credential`  the 48-byte credential written into the card's dedicated sector
* :mod:`.secrets`     the site secrets in the operating system's keyring; encrypted export
* :mod:`.engine`      issue / rewrite / wipe / read a card through a ``CardIO`` object
* :mod:`.verify`      the offline gate decision (valid, expired, blacklisted, forged, unknown)
* :mod:`.lists`       whitelist / blacklist documents for gate controllers (JSON, CSV)
* :mod:`.parking`     the temporary-parking fee calculator and monthly-card months

The scheme in one paragraph: every site has two random 256-bit secrets, the
*master key* and the *MAC key*, kept in the OS keyring.  A card's dedicated
sector (default 1) holds a credential (card serial, type, validity, holder and
place references) followed by a 128-bit HMAC-SHA256 tag over the credential,
the card's UID and the sector number, keyed by the MAC key.  The sector's key
A and key B are derived from the master key and the UID, so every card has its
own keys and an issued card never keeps the transport keys; key A only reads,
key B reads and writes.  A copied credential on another UID fails the MAC;
an edited byte fails the MAC; a card without the site's keys cannot even be
read.  See :mod:`.crypto` for the exact derivations.
"""
