"""Billing screens: the bill-run wizard and the room's 费用 tab (services in propdesk.services.billing)."""
