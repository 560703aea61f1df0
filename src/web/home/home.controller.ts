import { Get, Render } from '@nestjs/common';
import { CurrentUser } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/request-context/request-context';
import { PlansService } from '../../plans/plans.service';
import { CurrentUserView } from '../common/auth/current-user-view.decorator';
import { WebController } from '../common/auth/web.decorators';
import type { CurrentUserView as CurrentUserViewModel } from '../common/session/session-data';
import { WEB_PATHS } from '../common/web-paths';
import { homePage, HomeViewModel } from './home.view-model';

@WebController()
export class HomeController {
  constructor(private readonly plans: PlansService) {}

  @Get(WEB_PATHS.home)
  @Render('home/home')
  async home(@CurrentUser() user: AuthUser, @CurrentUserView() signedIn: CurrentUserViewModel): Promise<HomeViewModel> {
    return homePage(signedIn, await this.plans.list(user));
  }
}
