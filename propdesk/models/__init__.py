"""All ORM models; importing this package registers every table on ``Base.metadata``."""

from propdesk.models.auth import AuditLog, LocalSetting, Operator
from propdesk.models.base import AppendOnly, AppendOnlyViolation, Base, Synced
import propdesk.models.billing  # noqa: F401  (registers the billing tables)
from propdesk.models.customer import Customer, FamilyMember, Occupancy, Pet, Vehicle
from propdesk.models.property import (
    Building,
    Company,
    Estate,
    ParkingLot,
    ParkingSpace,
    Region,
    Room,
    Unit,
)
from propdesk.models import service  # noqa: F401,E402  registers the service-desk tables
from propdesk.models import sync  # noqa: F401,E402  registers the synchronisation tables

__all__ = [
    "AppendOnly", "AppendOnlyViolation", "AuditLog", "Base", "Building", "Company",
    "Customer", "Estate", "FamilyMember", "LocalSetting", "Occupancy", "Operator",
    "ParkingLot", "ParkingSpace", "Pet", "Region", "Room", "Synced", "Unit", "Vehicle",
]
from propdesk.models import cashier  # noqa: F401,E402  registers the cashier tables
from propdesk.models import cards  # noqa: F401,E402  registers the gate-card tables
