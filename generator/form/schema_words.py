"""The schema's titles and descriptions that the registration forms show, marked for the catalogs.

schema/coalition.schema.json is data, which `pybabel extract` does not read: its words the forms show (each
question's field titles and descriptions, the commitments' boxes) are repeated here so that translators find
them; fields.words() translates them where a form shows them. tests/test_issue_form.py fails when the schema's
words and this list differ: copy the schema's new text here (and run `make i18n-update`).
"""

from __future__ import annotations

from generator.i18n.catalogs import N_

SCHEMA_WORDS = (
    N_('Name'),
    N_("The coalition's full name."),
    N_('Identifier'),
    N_("The coalition's permanent identifier: lower-case letters, digits and hyphens, 3 to 64 "
       'characters. Must equal the file name without .yml; it becomes the page address '
       "coalitions/<id>/. Not 'index' or 'coalitions', and not ending in '-criteria': those addresses "
       "belong to the site's own pages and badges."),
    N_('Acronym'),
    N_('A short name or acronym, if the coalition uses one.'),
    N_('Summary'),
    N_('Two or three plain sentences on what the coalition wants to change (20 to 600 characters). '
       'Shown in the directory and as the page description. It may run over several lines.'),
    N_('Themes'),
    N_('The reform areas the coalition works on (at least one).'),
    N_('Objectives'),
    N_('Clearly articulated objectives, one plain sentence each (10 to 500 characters). Each may run '
       'over several lines.'),
    N_('Members'),
    N_('The organisations in the coalition.'),
    N_("The organisation's name as it writes it."),
    N_('Country'),
    N_('Where the organisation is based: ISO 3166-1 alpha-2 code in capitals, e.g. KE, BR, IN, DE.'),
    N_('Sector'),
    N_('What kind of organisation it is. civil-society, think-tank and academia count as civil society '
       'actors for the ImPACT criteria.'),
    N_('Constituency'),
    N_('The Major Group or other Stakeholder group it belongs to (required for civil society actors).'),
    N_('UN Regional Group'),
    N_('Only needed when the country belongs to no UN Regional Group (territories, observers).'),
    N_('Primary region'),
    N_('For a global organisation: the UN Regional Group where it primarily operates. It counts instead '
       "of the country's group."),
    N_('Scope'),
    N_('Where the organisation works: national, regional or global.'),
    N_('Other constituency'),
    N_("The constituency in your own words, when constituency is 'other'."),
    N_('Role'),
    N_('lead for a convener or focal point, member otherwise.'),
    N_('Website'),
    N_("The organisation's website (https://…)."),
    N_('Member States'),
    N_('Plan to engage Member States (missions, capitals, groups of friends). It may run over several lines.'),
    N_('UN agencies'),
    N_('Plan to engage UN agencies, funds and programmes. It may run over several lines.'),
    N_('Support needed'),
    N_('What support the coalition needs to carry out that engagement. It may run over several lines.'),
    N_('Work plan'),
    N_('Milestones toward and beyond the Summit of the Future (ImPACT criterion 4).'),
    N_('Date'),
    N_('When, as YYYY-MM-DD. Years 1900 to 2100.'),
    N_('Title'),
    N_('What happens.'),
    N_('E-mail'),
    N_("A role address of the coalition, never a person's own: this file, the address included, is "
       'public on GitHub with its whole history. The site shows the address only with public: true, and '
       'then obfuscated.'),
    N_('Contact page'),
    N_('A web page or form for contacting the coalition (https://…).'),
    N_('Show e-mail'),
    N_("true to show the address (obfuscated) on the coalition's page."),
    N_('Maintainers'),
    N_('GitHub user names of the people who may edit this file.'),
    N_('Commitments'),
    N_("The coalition's commitment to the ImPACT principles. All three must be true."),
    N_('We commit to transparency.'),
    N_('We commit to accountability.'),
    N_('We commit to inclusivity.'),
)
