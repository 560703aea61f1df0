// Tests pin the time zone so calendar-date logic is checked the way it runs in production.
process.env.TZ = 'Europe/London';
process.env.NODE_ENV = 'test';
