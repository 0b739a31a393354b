"""The aiohttp application key that both HTTP modules read: the database (bot/http.py's health
check and messages, bot/metrics.py's gauges). Its own module so that neither imports the other
for it (bot/http.py already imports bot/metrics.py)."""

from __future__ import annotations

from aiohttp import web

from storage.db import Database

DATABASE = web.AppKey("database", Database)
