from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from deelwijs.community.urls import public_urlpatterns as people_online_urls
from deelwijs.content import views as content_views
from deelwijs.home import views as home_views
from deelwijs.insight import views as insight_views
from deelwijs.jobs import views as job_views
from deelwijs.learning import views as learning_views
from deelwijs.orgs import sso, twofactor
from deelwijs.orgs import views as org_views
from deelwijs.planning import views as planning_views
from deelwijs.provisioning.urls import scim_urlpatterns
from deelwijs.sharing import views as sharing_views
from deelwijs.stories import views as story_views
from deelwijs.webcare import views as webcare_views

urlpatterns = [
    path("", home_views.home, name="home"),
    path("aanmelden/", org_views.SignInView.as_view(), name="login"),
    path("afmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("aanmelden/tweede-stap/", twofactor.two_factor, name="two_factor"),
    path("aanmelden/sso/", sso.sso_lookup, name="sso_lookup"),
    path("aanmelden/sso/terug/", sso.sso_callback, name="sso_callback"),
    path("aanmelden/sso/<slug:slug>/", sso.sso_start, name="sso_start"),
    path("wachtwoord-vergeten/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("wachtwoord-vergeten/verstuurd/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("uitnodiging/<str:token>/", org_views.accept_invitation, name="accept_invitation"),
    path("beleid/", org_views.policy, name="policy"),
    path("mensen/", org_views.people, name="people"),
    path("mensen/zoeken/", org_views.people_search, name="people_search"),
    path("mensen/uitnodigen/", org_views.invite, name="invite"),
    path("mensen/uitnodigen/<int:pk>/opnieuw/", org_views.invitation_resend, name="invitation_resend"),
    path("mensen/uitnodigen/<int:pk>/intrekken/", org_views.invitation_revoke, name="invitation_revoke"),
    path("mensen/<int:pk>/rollen/", org_views.person_roles, name="person_roles"),
    path("mensen/<int:pk>/sluiten/", org_views.person_close, name="person_close"),
    path("mensen/<int:pk>/sluiten/bevestigen/", org_views.person_close_confirm, name="person_close_confirm"),
    path("mensen/<int:pk>/heropenen/", org_views.person_reopen, name="person_reopen"),
    path("mensen/<int:pk>/heropenen/bevestigen/", org_views.person_reopen_confirm, name="person_reopen_confirm"),
    path("teams/", org_views.teams, name="teams"),
    path("teams/nieuw/", org_views.team_edit, name="team_new"),
    path("teams/<int:pk>/", org_views.team_edit, name="team_edit"),
    path("locaties/nieuw/", org_views.location_edit, name="location_new"),
    path("locaties/<int:pk>/", org_views.location_edit, name="location_edit"),
    path("logboek/", org_views.audit_log, name="audit_log"),
    path("instellingen/", org_views.settings_view, name="settings"),
    path("instellingen/geplande-taken/", job_views.scheduled_jobs, name="scheduled_jobs"),
    path("instellingen/bewaartermijnen/", org_views.retention, name="retention"),
    path("instellingen/provisioning/", include("deelwijs.provisioning.urls")),
    path("accounts/", include("deelwijs.accounts.urls")),
    path("delen/", sharing_views.feed, name="feed"),
    path("delen/<int:pk>/", sharing_views.share, name="share"),
    path("delen/controle/", sharing_views.check_api, name="check_api"),
    path("delen/gedeeld/<int:pk>/", sharing_views.share_go, name="share_go"),
    path("inhoud/", content_views.item_list, name="item_list"),
    path("inhoud/nieuw/", content_views.item_edit, name="item_new"),
    path("inhoud/<int:pk>/", content_views.item_edit, name="item_edit"),
    path("inhoud/<int:pk>/foto/<str:size>/", content_views.item_image, name="item_image"),
    path("inhoud/campagnes/", content_views.campaign_list, name="campaign_list"),
    path("inhoud/campagnes/nieuw/", content_views.campaign_edit, name="campaign_new"),
    path("inhoud/campagnes/<int:pk>/", content_views.campaign_edit, name="campaign_edit"),
    path("openbaar/<str:name>", content_views.public_image, name="public_image"),
    path("s/<str:code>", sharing_views.tracked_link, name="tracked_link"),
    path("verhalen/", story_views.my_stories, name="my_stories"),
    path("verhalen/nieuw/", story_views.story_new, name="story_new"),
    path("verhalen/wachtrij/", story_views.story_queue, name="story_queue"),
    path("verhalen/<int:pk>/", story_views.story_review, name="story_review"),
    path("verhalen/<int:pk>/fotos/<int:photo>/<str:size>/", story_views.story_photo, name="story_photo"),
    path("verhalen/<int:pk>/<str:action>/", story_views.story_decide, name="story_decide"),
    path("meldingen/", org_views.notifications, name="notifications"),
    path("webcare/melden/", webcare_views.report, name="report_signal"),
    path("webcare/mijn-signalen/", webcare_views.my_signals, name="my_signals"),
    path("webcare/inbox/", webcare_views.inbox, name="inbox"),
    path("webcare/inbox/<int:pk>/", webcare_views.inbox_item, name="inbox_item"),
    path("webcare/inbox/<int:pk>/schermafbeelding/", webcare_views.inbox_screenshot, name="inbox_screenshot"),
    path("webcare/inbox/<int:pk>/antwoord/", webcare_views.check_answer, name="check_answer"),
    path("webcare/inbox/<int:pk>/escaleren/", webcare_views.escalate, name="escalate"),
    path("webcare/overzicht/", webcare_views.overview, name="webcare_overview"),
    path("webcare/bronnen/", webcare_views.sources, name="sources"),
    path("webcare/bronnen/nieuw/", webcare_views.source_edit, name="source_new"),
    path("webcare/bronnen/<int:pk>/", webcare_views.source_edit, name="source_edit"),
    path("webcare/bronnen/<int:pk>/nu/", webcare_views.source_poll, name="source_poll"),
    path("webcare/sjablonen/", webcare_views.templates, name="response_templates"),
    path("webcare/sjablonen/nieuw/", webcare_views.template_edit, name="response_template_new"),
    path("webcare/sjablonen/<int:pk>/", webcare_views.template_edit, name="response_template_edit"),
    path("webcare/gesprekken/", webcare_views.register, name="register"),
    path("webcare/gesprekken/nieuw/", webcare_views.conversation_new, name="conversation_new"),
    path("webcare/gesprekken/<int:pk>/", webcare_views.conversation, name="conversation"),
    path("inzicht/", insight_views.dashboard, name="dashboard"),
    path("inzicht/cijfers.csv", insight_views.dashboard_csv, name="dashboard_csv"),
    path("inzicht/mijn-cijfers/", insight_views.my_figures, name="my_figures"),
    path("inzicht/ranglijst/", insight_views.leaderboard, name="leaderboard"),
    path("inzicht/rapporten/", insight_views.reports, name="reports"),
    path("inzicht/rapporten/<int:pk>.<str:kind>", insight_views.report_download, name="report_download"),
    path("inzicht/rapporten/instellingen/", insight_views.report_settings, name="report_settings"),
    path("inzicht/rapporten/logo/", insight_views.report_logo, name="report_logo"),
    path("planning/", planning_views.calendar_view, name="calendar"),
    path("planning/berichten/nieuw/", planning_views.post_new, name="post_new"),
    path("planning/berichten/<int:pk>/", planning_views.post_edit, name="post_edit"),
    path("planning/berichten/<int:pk>/foto/<str:size>/", planning_views.post_image, name="post_image"),
    path("planning/berichten/<int:pk>/verplaatsen/", planning_views.post_move, name="post_move"),
    path("planning/berichten/<int:pk>/dupliceren/", planning_views.post_duplicate, name="post_duplicate"),
    path("planning/evenementen/", planning_views.event_list, name="event_list"),
    path("planning/evenementen/nieuw/", planning_views.event_edit, name="event_new"),
    path("planning/evenementen/<int:pk>/", planning_views.event_edit, name="event_edit"),
    path("planning/inhaakdagen/", planning_views.hook_day_list, name="hook_days"),
    path("planning/inhaakdagen/nieuw/", planning_views.own_hook_day_edit, name="own_hook_day_new"),
    path("planning/inhaakdagen/<int:pk>/", planning_views.own_hook_day_edit, name="own_hook_day_edit"),
    path("planning/terugkerend/", planning_views.recurring_list, name="recurring_list"),
    path("planning/terugkerend/nieuw/", planning_views.recurring_edit, name="recurring_new"),
    path("planning/terugkerend/<int:pk>/", planning_views.recurring_edit, name="recurring_edit"),
    path("planning/teams/<int:pk>/", planning_views.team_plan, name="team_plan"),
    path("planning/proeftuinen/", planning_views.pilot_list, name="pilot_list"),
    path("planning/proeftuinen/nieuw/", planning_views.pilot_edit, name="pilot_new"),
    path("planning/proeftuinen/<int:pk>/", planning_views.pilot_evaluation, name="pilot_evaluation"),
    path("planning/proeftuinen/<int:pk>/bewerken/", planning_views.pilot_edit, name="pilot_edit"),
    path("planning/overleg/", planning_views.meeting_list, name="meeting_list"),
    path("planning/overleg/nieuw/", planning_views.meeting_edit, name="meeting_new"),
    path("planning/overleg/<int:pk>/", planning_views.meeting_edit, name="meeting_edit"),
    path("planning/agenda-koppelen/", planning_views.calendar_feeds, name="calendar_feeds"),
    path("planning/ical/<str:token>.ics", planning_views.ical_feed, name="ical"),
    path("leren/", learning_views.module_list, name="modules"),
    path("leren/voortgang/", learning_views.progress_overview, name="learning_progress"),
    path("leren/voortgang.csv", learning_views.progress_csv, name="learning_progress_csv"),
    path("leren/teamplan/", learning_views.team_plans, name="team_plans"),
    path("leren/beheer/", learning_views.manage_modules, name="manage_modules"),
    path("leren/beheer/nieuw/", learning_views.module_edit, name="module_new"),
    path("leren/beheer/<int:number>/", learning_views.module_edit, name="module_edit"),
    path("leren/beheer/<int:number>/stap/nieuw/", learning_views.step_edit, name="step_new"),
    path("leren/beheer/<int:number>/stap/<int:order>/", learning_views.step_edit, name="step_edit"),
    path("leren/<int:number>/", learning_views.module_start, name="module"),
    path("leren/<int:number>/stap/<int:order>/", learning_views.step_view, name="step"),
    path("leren/<int:number>/certificaat/", learning_views.certificate, name="certificate"),
    path("voorkeuren/", org_views.preferences, name="preferences"),
    path("privacy/", include("deelwijs.privacy.urls")),
    path("toolkit/", include("deelwijs.toolkit.urls")),
    path("samen/", include("deelwijs.community.urls")),
    path("online/", include(people_online_urls)),
    path("toestemming/", include("deelwijs.consent.urls")),
    path("inhoud/nieuws-importeren/", content_views.import_news_now, name="import_news"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_URL_PATH, admin.site.urls),
    # The SCIM endpoint of each organisation, for its identity provider (a bearer token, no session).
    *scim_urlpatterns,
]

# No pattern serves MEDIA_URL, in development neither: uploads go out through the views above, which check
# who may see the object a file belongs to (deelwijs/common/files.py).

# Our own pages in the interface language; the 500 page renders without context processors or queries.
handler403 = "deelwijs.orgs.errors.permission_denied"
handler404 = "deelwijs.orgs.errors.page_not_found"
handler500 = "deelwijs.orgs.errors.server_error"
