"""``python -m drivers.simulators <printer|card|dlt645|cjt188|modbus> [options]``."""

import sys

from drivers.simulators.cli import main

sys.exit(main())
