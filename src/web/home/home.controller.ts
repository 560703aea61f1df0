import { Get, Render } from '@nestjs/common';
import { CurrentUserView } from '../common/auth/current-user-view.decorator';
import { WebController } from '../common/auth/web.decorators';
import type { CurrentUserView as CurrentUserViewModel } from '../common/session/session-data';
import { WEB_PATHS } from '../common/web-paths';
import { homePage, HomeViewModel } from './home.view-model';

@WebController()
export class HomeController {
  @Get(WEB_PATHS.home)
  @Render('home/home')
  home(@CurrentUserView() signedIn: CurrentUserViewModel): HomeViewModel {
    return homePage(signedIn);
  }
}
