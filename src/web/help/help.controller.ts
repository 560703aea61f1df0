import { Get, Inject, Render } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PublicPage, WebController } from '../common/auth/web.decorators';
import { WEB_PATHS } from '../common/web-paths';
import { accessibilityPage, AccessibilityViewModel, cookiesPage, CookiesViewModel } from './help.view-model';

/** The pages every public-sector service links from its footer; anyone may read them. */
@WebController()
export class HelpController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get(WEB_PATHS.accessibility)
  @PublicPage()
  @Render('help/accessibility')
  accessibility(): AccessibilityViewModel {
    return accessibilityPage(this.config.WEB_CONTACT_EMAIL);
  }

  @Get(WEB_PATHS.cookies)
  @PublicPage()
  @Render('help/cookies')
  cookies(): CookiesViewModel {
    return cookiesPage(this.config);
  }
}
