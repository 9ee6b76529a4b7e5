"""REST endpoints of the city job bank: `/api/v1/vacancies`, `/api/v1/jobseekers`,
`/api/v1/referrals`.

The vacancy list is public (no login) and carries no personal data. Employers post and
manage their own vacancies; the Employment Services Office (ESO) posts for employers,
registers job seekers, refers them and reads counselling notes. A citizen registers and
reads only themself. Another unit's staff get 404, as does anyone reading what is not theirs.
"""
